; Inno Setup 6 script: dist\VoucherDesk (the PyInstaller onedir build) -> dist\VoucherDesk-Setup-<version>.exe
;
;   iscc /DAppVersion=1.2.3 packaging\windows\voucherdesk.iss
;
; Installs per user without admin rights (%LOCALAPPDATA%\Programs\VoucherDesk); an admin can pick
; "all users" in the first dialog or with /ALLUSERS. Optional defines:
;   /DSourceDir=<folder>   the onedir build (default: dist\VoucherDesk next to the repo root)
;   /DIconFile=<file.ico>  setup icon (default: the one packaging/make_icons.py wrote for the build)
;   /DSign                 sign setup and uninstaller with the sign tool named "voucherdesk",
;                          given on the command line: /Svoucherdesk="signtool sign /fd sha256 ... $f"

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=1.2.3 voucherdesk.iss
#endif
#define AppName "VoucherDesk"
#define AppExe "VoucherDesk.exe"
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\dist\VoucherDesk"
#endif
#ifndef IconFile
  #define IconFile AddBackslash(SourcePath) + "..\..\build\pyinstaller\voucherdesk\icons\voucherdesk.ico"
#endif

[Setup]
; Never change AppId: it is how upgrades and the uninstaller find an existing installation.
AppId={{32AEBE27-1BD4-4600-84FB-19B08AB04457}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=VoucherDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; PySide6 6.x needs 64-bit Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#SourceDir}\..
OutputBaseFilename={#AppName}-Setup-{#AppVersion}
#if FileExists(IconFile)
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running VoucherDesk before replacing its files.
CloseApplications=yes
#ifdef Sign
SignTool=voucherdesk
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A new PyInstaller build may drop libraries; stale ones from the old version must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} (demo)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller leaves settings, the journal and the voucher index (under %LOCALAPPDATA%\
; VoucherDesk) and the credentials in Windows Credential Manager alone: the journal is the
; counter's record of what was redeemed. `voucherdesk-cli logout` removes the credentials.
