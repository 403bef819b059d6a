<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <location filename="../../voucherdesk/ui/common/acknowledge_dialog.py" line="+49"/>
        <source>Acknowledge a booking</source>
        <translation>Buchung bestätigen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Counter PIN</source>
        <translation>PIN der Kasse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No PIN is set</source>
        <translation>Keine PIN gesetzt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Enter the counter&apos;s PIN.</source>
        <translation>Bitte die PIN der Kasse eingeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the PIN…</source>
        <translation>PIN wird geprüft…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Wrong PIN.</source>
        <translation>Falsche PIN.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Zu viele falsche PINs. Nächster Versuch in {seconds} s.</translation>
    </message>
</context>
<context>
    <name>AddOnsBox</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/booking_extras.py" line="+56"/>
        <source>Add-ons</source>
        <translation>Zusatzleistungen</translation>
    </message>
</context>
<context>
    <name>AdminPinDialog</name>
    <message>
        <location filename="../../voucherdesk/ui/common/admin_pin_dialog.py" line="+47"/>
        <location line="+11"/>
        <source>Admin PIN</source>
        <translation>Admin-PIN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Go on</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>An admin PIN is 4 to 8 digits.</source>
        <translation>Eine Admin-PIN hat 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the PIN…</source>
        <translation>PIN wird geprüft …</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not an admin PIN.</source>
        <translation>Das ist keine Admin-PIN.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Zu viele falsche PINs. Neuer Versuch in {seconds} s.</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/alarm_banner.py" line="+31"/>
        <source>Acknowledge…</source>
        <translation>Bestätigen…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../voucherdesk/ui/session.py" line="+249"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/app.py" line="+83"/>
        <source>bookingkit is not set up on this computer yet.</source>
        <translation>bookingkit ist auf diesem Rechner noch nicht eingerichtet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No OS keyring: bookingkit access cannot be stored safely.</source>
        <translation>Kein Schlüsselbund: Der bookingkit-Zugang kann nicht sicher gespeichert werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The redemption journal cannot be opened, so real redemptions are off.</source>
        <translation>Das Einlösejournal lässt sich nicht öffnen, deshalb sind echte Einlösungen abgeschaltet.</translation>
    </message>
</context>
<context>
    <name>BookingPanel</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/booking_panel.py" line="+69"/>
        <source>Search experiences…</source>
        <translation>Erlebnisse suchen…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refresh places</source>
        <translation>Plätze aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Back (Esc)</source>
        <translation>Zurück (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm booking (Enter)</source>
        <translation>Buchen (Enter)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Experience</source>
        <translation>Erlebnis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Pick an experience.</source>
        <translation>Ein Erlebnis wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading dates…</source>
        <translation>Termine werden geladen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No dates in the next four weeks.</source>
        <translation>Keine Termine in den nächsten vier Wochen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>full</source>
        <translation>ausgebucht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} free</source>
        <translation>{count} frei</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>From voucher: {amount}</source>
        <translation>Vom Gutschein: {amount}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left on voucher: {amount}</source>
        <translation>Rest auf dem Gutschein: {amount}</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Top-up to pay</source>
        <translation>Zuzahlung</translation>
    </message>
</context>
<context>
    <name>CameraDock</name>
    <message>
        <location filename="../../voucherdesk/ui/camera/panel.py" line="+127"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan with the camera</source>
        <translation>Mit der Kamera scannen</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/camera_page.py" line="+45"/>
        <source>Scan codes with the camera</source>
        <translation>Codes mit der Kamera scannen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The computer&apos;s default camera</source>
        <translation>Die Standardkamera des Computers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The camera chosen before (not connected)</source>
        <translation>Die zuvor gewählte Kamera (nicht angeschlossen)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A code that stays in view is read once; it is read again after it was out of view for {seconds} seconds, or after another code.</source>
        <translation>Ein Code, der im Bild bleibt, wird einmal gelesen; erneut erst, wenn er {seconds} Sekunden lang nicht im Bild war oder ein anderer Code dazwischen kam.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scanners and typing keep working while the camera is on.</source>
        <translation>Scanner und Eintippen funktionieren weiter, während die Kamera an ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No camera is connected to this computer right now.</source>
        <translation>An diesem Computer ist gerade keine Kamera angeschlossen.</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../voucherdesk/ui/setup/check_page.py" line="+65"/>
        <source>Test and save</source>
        <translation>Testen und speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Testing the connection to bookingkit…</source>
        <translation>Die Verbindung zu bookingkit wird getestet…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The credentials are stored in the operating system&apos;s keyring. Click “Start redeeming” to begin.</source>
        <translation>Die Zugangsdaten liegen im Schlüsselbund des Betriebssystems. Mit „Einlösen beginnen“ geht es los.</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../voucherdesk/cli_text.py" line="+63"/>
        <location line="+47"/>
        <location line="+24"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="-70"/>
        <location line="+72"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remaining</source>
        <translation>Restwert</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+50"/>
        <location line="+21"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redemptions</source>
        <translation>Einlösungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redemptions:</source>
        <translation>Einlösungen:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>order {code}</source>
        <translation>Buchung {code}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+136"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+144"/>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+24"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+25"/>
        <source>Experience</source>
        <translation>Erlebnis</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Entries</source>
        <translation>Eintritte</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Did you mean</source>
        <translation>Meinten Sie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot book: {reason}</source>
        <translation>Buchung nicht möglich: {reason}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawn from voucher</source>
        <translation>Vom Gutschein</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+68"/>
        <source>Top-up due</source>
        <translation>Zuzahlung</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Value left after</source>
        <translation>Restwert danach</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot book {spec}: no add-ons are offered with this experience.</source>
        <translation>{spec} kann nicht gebucht werden: Zu diesem Erlebnis gibt es keine Zusatzleistungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read {spec} (use NAME=N). Add-ons of this experience: {names}</source>
        <translation>{spec} ist nicht lesbar (NAME=N angeben). Zusatzleistungen dieses Erlebnisses: {names}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{spec} fits several add-ons: {names}. Name one of them.</source>
        <translation>{spec} passt zu mehreren Zusatzleistungen: {names}. Bitte eine davon nennen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No add-on of this experience is called {spec}. Add-ons: {names}</source>
        <translation>Keine Zusatzleistung dieses Erlebnisses heißt {spec}. Zusatzleistungen: {names}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Do not book again. Run `voucherdesk journal --reconcile` until the outcome is known.</source>
        <translation>Nicht noch einmal buchen. `voucherdesk journal --reconcile` ausführen, bis das Ergebnis feststeht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This is not a value voucher: redeem open-date tickets and passes at the counter window.</source>
        <translation>Das ist kein Wertgutschein: Open-Date-Tickets und Mehrfachkarten im Kassenfenster einlösen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Booking</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drawn</source>
        <translation>Abgezogen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Value left</source>
        <translation>Restwert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Journal key</source>
        <translation>Journal-Schlüssel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Settled {key}: {result}</source>
        <translation>Geklärt {key}: {result}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(booking {code})</source>
        <translation>(Buchung {code})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Collect the top-up of {amount}.</source>
        <translation>Die Zuzahlung von {amount} kassieren.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>End-of-shift report {day}, counter {counter}</source>
        <translation>Schichtbericht {day}, Kasse {counter}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>NEEDS CHECKING in bookingkit ({count}):</source>
        <translation>IN BOOKINGKIT PRÜFEN ({count}):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>TOP-UPS NOT CONFIRMED AS TAKEN ({count}), paid in bookingkit:</source>
        <translation>ZUZAHLUNGEN NICHT ALS EINGENOMMEN BESTÄTIGT ({count}), in bookingkit bezahlt:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>left unpaid</source>
        <translation>unbezahlt gelassen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every redemption of this day is settled.</source>
        <translation>Alle Einlösungen dieses Tages sind geklärt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redemptions done</source>
        <translation>Einlösungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawn from vouchers</source>
        <translation>Von Gutscheinen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups taken</source>
        <translation>Zuzahlungen eingenommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open-date tickets</source>
        <translation>Open-Date-Tickets</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bookings with a pass</source>
        <translation>Buchungen mit Mehrfachkarte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} ({entries})</source>
        <translation>{count} ({entries})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undone (not counted)</source>
        <translation>Storniert (nicht gezählt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped before send</source>
        <translation>Vor dem Senden gestoppt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>undone</source>
        <translation>storniert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hand back {amount}</source>
        <translation>{amount} zurückgeben</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Venue report {day}: voucher orders of every counter, from bookingkit</source>
        <translation>Bericht für das ganze Haus {day}: Gutschein-Buchungen aller Schalter, aus bookingkit</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No counter booked anything on this day.</source>
        <translation>An diesem Tag hat kein Schalter etwas gebucht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  Orders</source>
        <translation>  Buchungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  Drawn</source>
        <translation>  Abgebucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  Top-ups</source>
        <translation>  Zuzahlungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  Cancelled</source>
        <translation>  Storniert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--csv and --pdf belong to this counter&apos;s report, not to --venue.</source>
        <translation>--csv und --pdf gehören zum Bericht dieses Schalters, nicht zu --venue.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Book and pay with the voucher? [y/N] </source>
        <translation>Buchen und mit dem Gutschein bezahlen? [j/N] </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>y,yes</source>
        <translation>j,ja</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not confirmed (use --yes when there is no terminal).</source>
        <translation>Nicht bestätigt (ohne Terminal --yes verwenden).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Top-up of {amount} taken? [y/N] </source>
        <translation>Zuzahlung von {amount} eingenommen? [j/N] </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Top-up noted as taken.</source>
        <translation>Zuzahlung als eingenommen vermerkt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Top-up not noted as taken: the shift report lists it, and the counter window asks for it at its next start.</source>
        <translation>Zuzahlung nicht als eingenommen vermerkt: Der Schichtbericht führt sie auf, und das Kassenfenster fragt beim nächsten Start danach.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing booked.</source>
        <translation>Nichts gebucht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing cancelled.</source>
        <translation>Nichts storniert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel it? [y/N] </source>
        <translation>Stornieren? [j/N] </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No redemptions.</source>
        <translation>Keine Einlösungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counter PIN: </source>
        <translation>PIN der Kasse: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This step needs the counter&apos;s PIN: run it in a terminal.</source>
        <translation>Dieser Schritt braucht die PIN der Kasse: bitte in einem Terminal ausführen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Acknowledged {key}: redemptions go on.</source>
        <translation>{key} bestätigt: Einlösungen gehen weiter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>REDEMPTIONS STOPPED: booking {code} drew otherwise than quoted. Check it in bookingkit, then run `voucherdesk journal --acknowledge {key}`.</source>
        <translation>EINLÖSUNGEN GESPERRT: Buchung {code} hat anders belastet als angeboten. In bookingkit prüfen, dann `voucherdesk journal --acknowledge {key}` ausführen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{count} entries now belong to {environment}.</source>
        <translation>{count} Einträge gehören jetzt zu {environment}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open entries of another bookingkit environment ({count}), not settled from here:</source>
        <translation>Offene Einträge einer anderen bookingkit-Umgebung ({count}), von hier aus nicht geklärt:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>environment unknown</source>
        <translation>Umgebung unbekannt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Client id: </source>
        <translation>Client-ID: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client secret: </source>
        <translation>Client-Secret: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client id and client secret are both needed.</source>
        <translation>Client-ID und Client-Secret werden beide gebraucht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot use this bookingkit address: {reason}</source>
        <translation>Diese bookingkit-Adresse geht nicht: {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The credentials are in the keyring.</source>
        <translation>Die Zugangsdaten liegen im Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Forgot the bookingkit credentials for {environment}.</source>
        <translation>Die bookingkit-Zugangsdaten für {environment} wurden entfernt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Events:</source>
        <translation>Erlebnisse:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dates (start in UTC, free places):</source>
        <translation>Termine (Beginn in UTC, freie Plätze):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prices of this event:</source>
        <translation>Preise dieses Erlebnisses:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  … and {count} more</source>
        <translation>  … und {count} weitere</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No event matches --event {given}.</source>
        <translation>Kein Erlebnis passt zu --event {given}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--event {given} fits more than one event; name one exactly.</source>
        <translation>--event {given} passt auf mehr als ein Erlebnis; bitte eines genau nennen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--date {given} is neither a date id nor a start written YYYY-MM-DDTHH:MM (UTC, digits 0-9).</source>
        <translation>--date {given} ist weder eine Termin-ID noch ein Beginn in der Form JJJJ-MM-TTTHH:MM (UTC, Ziffern 0-9).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This event has no date {given} in the next weeks.</source>
        <translation>Dieses Erlebnis hat in den nächsten Wochen keinen Termin {given}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--date {given} fits more than one date; give the start time.</source>
        <translation>--date {given} passt auf mehr als einen Termin; bitte die Uhrzeit angeben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read {given}: write PRICE=N, with N in the digits 0-9 (e.g. Adult=2).</source>
        <translation>{given} ist nicht lesbar: PREIS=N schreiben, N in den Ziffern 0-9 (z. B. Adult=2).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{given}: at most {limit} participants per price.</source>
        <translation>{given}: höchstens {limit} Teilnehmende je Preis.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{given}: this event has no such price.</source>
        <translation>{given}: Dieses Erlebnis hat keinen solchen Preis.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{given} names more than one price; use the price&apos;s id.</source>
        <translation>{given} nennt mehr als einen Preis; bitte die ID des Preises verwenden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{given}: this price is named twice; name each price once.</source>
        <translation>{given}: Dieser Preis ist doppelt genannt; jeden Preis nur einmal nennen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--day {given} is not a day written YYYY-MM-DD (digits 0-9).</source>
        <translation>--day {given} ist kein Tag in der Form JJJJ-MM-TT (Ziffern 0-9).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot read the command line: {detail}. See `voucherdesk --help`.</source>
        <translation>Die Befehlszeile ist nicht lesbar: {detail}. Siehe `voucherdesk --help`.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--url is only for --environment custom.</source>
        <translation>--url gilt nur für --environment custom.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{problem} Say which bookingkit to connect: --environment production, sandbox or custom --url ADDRESS.</source>
        <translation>{problem} Bitte angeben, mit welchem bookingkit verbunden wird: --environment production, sandbox oder custom --url ADRESSE.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The client id and secret cannot hold control characters, and are at most 1,000 characters long.</source>
        <translation>Client-ID und Client-Secret dürfen keine Steuerzeichen enthalten und höchstens 1.000 Zeichen lang sein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This counter&apos;s journal has no entry {key}.</source>
        <translation>Das Journal dieser Kasse hat keinen Eintrag {key}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{kind} written to {path}</source>
        <translation>{kind} geschrieben nach {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not write the report: {reason}</source>
        <translation>Der Bericht konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contradicted</source>
        <translation>widerlegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/cli_audit_text.py" line="+26"/>
        <location filename="../../voucherdesk/cli_text.py" line="+9"/>
        <source>Note: {text}</source>
        <translation>Hinweis: {text}</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/cli_text.py" line="+8"/>
        <source>Run `voucherdesk login` first (or use --demo).</source>
        <translation>Zuerst `voucherdesk login` ausführen (oder --demo verwenden).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run `voucherdesk login --environment custom --url ADDRESS` with a valid address.</source>
        <translation>`voucherdesk login --environment custom --url ADRESSE` mit einer gültigen Adresse ausführen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run `voucherdesk login --environment …` to confirm which bookingkit this counter works with; real redemptions are off until then.</source>
        <translation>`voucherdesk login --environment …` ausführen, um zu bestätigen, mit welchem bookingkit diese Kasse arbeitet; bis dahin sind echte Einlösungen abgeschaltet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Zu viele falsche PINs. Nächster Versuch in {seconds} s.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong PIN. Nothing was changed.</source>
        <translation>Falsche PIN. Nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--port must be 0 to 65535.</source>
        <translation>--port muss zwischen 0 und 65535 liegen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--page-cap must be at least 1.</source>
        <translation>--page-cap muss mindestens 1 sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read the API clients: {problem}</source>
        <translation>Die API-Clients sind nicht lesbar: {problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stand-in could not start: {reason}</source>
        <translation>Der Stand-in konnte nicht starten: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The settings were damaged, so this counter&apos;s environment is not known.</source>
        <translation>Die Einstellungen waren beschädigt, daher ist die Umgebung dieser Kasse nicht bekannt.</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/cli_audit_text.py" line="+7"/>
        <source>row {row} is not a readable audit row</source>
        <translation>Zeile {row} ist keine lesbare Protokollzeile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row {row} was changed after it was written (its content does not match its hash)</source>
        <translation>Zeile {row} wurde nach dem Schreiben geändert (ihr Inhalt passt nicht zu ihrem Hash)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>row {row} holds row {found}: rows were deleted, added or moved here</source>
        <translation>an Stelle {row} steht Zeile {found}: hier wurden Zeilen gelöscht, eingefügt oder verschoben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>row {row} does not follow the row before it (a row before it was replaced)</source>
        <translation>Zeile {row} schließt nicht an die Zeile davor an (eine Zeile davor wurde ersetzt)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the chain head in the keyring counts {head} rows, the file holds {rows}: rows were cut off the end, from row {row} on</source>
        <translation>der Kettenkopf im Schlüsselbund zählt {head} Zeilen, die Datei enthält {rows}: ab Zeile {row} wurden Zeilen am Ende abgeschnitten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>row {row} is not the row the chain head in the keyring recorded: the rows up to it were rewritten</source>
        <translation>Zeile {row} ist nicht die Zeile, die der Kettenkopf im Schlüsselbund festhält: die Zeilen bis dorthin wurden neu geschrieben</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the keyring holds no chain head for this trail of {rows} rows: it was removed, or the file comes from elsewhere</source>
        <translation>der Schlüsselbund hat keinen Kettenkopf für dieses Protokoll mit {rows} Zeilen: er wurde entfernt, oder die Datei stammt von anderswo</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Audit trail BROKEN at row {row}: {what}.</source>
        <translation>Prüfprotokoll BESCHÄDIGT bei Zeile {row}: {what}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The {rows} rows before it hold.</source>
        <translation>Die {rows} Zeilen davor sind unversehrt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Audit trail OK: no rows yet ({path}).</source>
        <translation>Prüfprotokoll in Ordnung: noch keine Zeilen ({path}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audit trail OK: {rows} rows, every link holds ({path}).</source>
        <translation>Prüfprotokoll in Ordnung: {rows} Zeilen, jedes Glied der Kette hält ({path}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The last line is half-written ({bytes} bytes: a write was interrupted); the trail holds up to the last whole row, {rows}. The next row sets those bytes aside.</source>
        <translation>Die letzte Zeile ist nur halb geschrieben ({bytes} Bytes: ein Schreibvorgang wurde unterbrochen); das Protokoll ist bis zur letzten ganzen Zeile, {rows}, unversehrt. Die nächste Zeile legt diese Bytes beiseite.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{count} rows were written after the chain head was last kept (an interruption); the next row moves the head on.</source>
        <translation>{count} Zeilen wurden geschrieben, nachdem der Kettenkopf zuletzt gespeichert wurde (eine Unterbrechung); die nächste Zeile rückt den Kopf nach.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The chain head could not be read from the OS keyring, so rows cut off the end of the trail would not show. Unlock the keyring and verify again.</source>
        <translation>Der Kettenkopf konnte nicht aus dem Schlüsselbund des Betriebssystems gelesen werden; am Ende abgeschnittene Zeilen würden so nicht auffallen. Entsperren Sie den Schlüsselbund und prüfen Sie erneut.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{count} audit rows written to {path} (voucher codes in full).</source>
        <translation>{count} Protokollzeilen nach {path} geschrieben (Gutscheincodes vollständig).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} audit rows written to {path} (voucher codes masked).</source>
        <translation>{count} Protokollzeilen nach {path} geschrieben (Gutscheincodes maskiert).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The trail is broken at row {row}: that row and the rows after it are marked verified=no.</source>
        <translation>Das Protokoll ist bei Zeile {row} beschädigt: diese Zeile und alle danach sind mit verified=no markiert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{count} lines are not readable rows and were left out.</source>
        <translation>{count} Zeilen sind keine lesbaren Protokollzeilen und wurden ausgelassen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not write the export: {reason}</source>
        <translation>Der Export konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not read the audit trail: {reason}</source>
        <translation>Das Prüfprotokoll konnte nicht gelesen werden: {reason}</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/connection_page.py" line="+76"/>
        <source>Production</source>
        <translation>Produktivsystem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sandbox (test system)</source>
        <translation>Sandbox (Testsystem)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Another address</source>
        <translation>Andere Adresse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card or other (third party)</source>
        <translation>Karte oder anders (Drittanbieter)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mobile app</source>
        <translation>Mobile App</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bookingkit</source>
        <translation>bookingkit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counter name</source>
        <translation>Name des Schalters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up paid by</source>
        <translation>Zuzahlung per</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget credentials…</source>
        <translation>Zugangsdaten vergessen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The counter name goes into every booking&apos;s reference, so bookings can be traced to this counter. A new bookingkit choice takes effect after setup.</source>
        <translation>Der Name des Schalters steht in der Referenz jeder Buchung, so lässt sich jede Buchung diesem Schalter zuordnen. Ein anderes bookingkit gilt erst nach der Einrichtung.</translation>
    </message>
</context>
<context>
    <name>CredentialsPage</name>
    <message>
        <location filename="../../voucherdesk/ui/setup/credentials_page.py" line="+36"/>
        <source>API credentials</source>
        <translation>API-Zugangsdaten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the client id and client secret of the bookingkit API client for this counter. Each counter should have its own API client: bookingkit lets one API client hold only one access token at a time.</source>
        <translation>Geben Sie Client-ID und Client-Secret des bookingkit-API-Clients für diesen Schalter ein. Jeder Schalter sollte einen eigenen API-Client haben: bookingkit erlaubt je API-Client nur ein gültiges Zugriffstoken.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next, VoucherDesk makes one test call. Only when it succeeds are the credentials stored, and only in the operating system&apos;s keyring.</source>
        <translation>Als Nächstes macht VoucherDesk einen Testaufruf. Nur wenn er gelingt, werden die Zugangsdaten gespeichert, und zwar nur im Schlüsselbund des Betriebssystems.</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/demo_banner.py" line="+26"/>
        <source>Set up bookingkit…</source>
        <translation>bookingkit einrichten…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>DEMO — practice data on a built-in test server. Nothing is booked in bookingkit.</source>
        <translation>DEMO — Übungsdaten auf einem eingebauten Testserver. In bookingkit wird nichts gebucht.</translation>
    </message>
</context>
<context>
    <name>DetailsForm</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/booking_extras.py" line="+59"/>
        <source>Questions for each participant</source>
        <translation>Fragen an jeden Teilnehmer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customer (optional)</source>
        <translation>Kunde (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name on the booking</source>
        <translation>Name auf der Buchung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For bookingkit&apos;s confirmation</source>
        <translation>Für die Bestätigung von bookingkit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A note on the order</source>
        <translation>Eine Notiz zur Bestellung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/display_page.py" line="+66"/>
        <source>Same as the computer</source>
        <translation>Wie am Computer eingestellt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a result for</source>
        <translation>Ergebnis anzeigen für</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play a sound for each result</source>
        <translation>Bei jedem Ergebnis einen Ton spielen</translation>
    </message>
</context>
<context>
    <name>EnvironmentPage</name>
    <message>
        <location filename="../../voucherdesk/ui/setup/environment_page.py" line="+55"/>
        <source>Which bookingkit?</source>
        <translation>Welches bookingkit?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the bookingkit system this counter redeems vouchers in. Use the sandbox to try VoucherDesk without touching real bookings.</source>
        <translation>Wählen Sie das bookingkit-System, in dem dieser Schalter Gutscheine einlöst. Mit der Sandbox probieren Sie VoucherDesk aus, ohne echte Buchungen anzufassen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production – your live bookingkit account</source>
        <translation>Produktivsystem – Ihr echtes bookingkit-Konto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox – bookingkit&apos;s test system</source>
        <translation>Sandbox – das Testsystem von bookingkit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another address (a test or stand-in server)</source>
        <translation>Andere Adresse (ein Test- oder Ersatzserver)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>for example https://bookingkit.example.test</source>
        <translation>zum Beispiel https://bookingkit.example.test</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This is not a web address. It must start with https:// or http://.</source>
        <translation>Das ist keine Webadresse. Sie muss mit https:// oder http:// beginnen.</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/files.py" line="+23"/>
        <source>The settings could not be saved in {folder}.</source>
        <translation>Die Einstellungen konnten nicht in {folder} gespeichert werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The settings file could not be read; it was kept as {name}. What could be read of it is used, but real redemptions stay off until the bookingkit connection is set up again.</source>
        <translation>Die Einstellungsdatei war nicht lesbar; sie wurde als {name} aufbewahrt. Was daraus lesbar war, wird verwendet, aber echte Einlösungen bleiben abgeschaltet, bis die bookingkit-Verbindung neu eingerichtet ist.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The settings file {path} could not be read, nor moved aside. Real redemptions stay off until it is readable or removed and the setup is run.</source>
        <translation>Die Einstellungsdatei {path} war weder lesbar noch beiseitezulegen. Echte Einlösungen bleiben abgeschaltet, bis sie lesbar oder entfernt ist und die Einrichtung gelaufen ist.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The voucher index cannot be written in {folder}; it is kept in memory until VoucherDesk closes, so the first scan after each start takes longer.</source>
        <translation>Der Gutschein-Index kann nicht in {folder} geschrieben werden; er bleibt bis zum Schließen von VoucherDesk im Speicher, daher dauert der erste Scan nach jedem Start länger.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The voucher index could not be used; it was kept as {name} and is built again from bookingkit.</source>
        <translation>Der Gutschein-Index war nicht verwendbar; er wurde als {name} aufbewahrt und wird aus bookingkit neu aufgebaut.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The pass index cannot be written in {folder}; it is kept in memory until VoucherDesk closes, so the first pass scanned after each start takes longer.</source>
        <translation>Der Mehrfachkarten-Index kann nicht in {folder} geschrieben werden; er bleibt bis zum Schließen von VoucherDesk im Speicher, daher dauert der erste Scan einer Mehrfachkarte nach jedem Start länger.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The pass index could not be used; it was kept as {name} and is built again from bookingkit.</source>
        <translation>Der Mehrfachkarten-Index war nicht verwendbar; er wurde als {name} aufbewahrt und wird aus bookingkit neu aufgebaut.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The count of this month&apos;s requests cannot be saved in {folder}.</source>
        <translation>Die Zahl der Anfragen dieses Monats kann nicht in {folder} gespeichert werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The count of this month&apos;s requests could not be read; it was kept as {name} and counting starts again at 0.</source>
        <translation>Die Zahl der Anfragen dieses Monats war nicht lesbar; sie wurde als {name} aufbewahrt, gezählt wird wieder ab 0.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The count of this month&apos;s requests could not be read; counting starts again at 0.</source>
        <translation>Die Zahl der Anfragen dieses Monats war nicht lesbar; gezählt wird wieder ab 0.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The log file {path} cannot be written; nothing is logged there.</source>
        <translation>Die Protokolldatei {path} kann nicht geschrieben werden; dort wird nichts protokolliert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The lock state cannot be saved in {folder}: after a restart the counter would not be locked and the PIN pause would start again.</source>
        <translation>Der Sperrzustand kann nicht in {folder} gespeichert werden: Nach einem Neustart wäre die Kasse nicht gesperrt und die PIN-Pause begänne von vorn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The saved lock state could not be read; it was kept as {name}. A counter with a PIN starts locked.</source>
        <translation>Der gespeicherte Sperrzustand war nicht lesbar; er wurde als {name} aufbewahrt. Eine Kasse mit PIN startet gesperrt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The redemption journal {path} cannot be used; real redemptions are off.</source>
        <translation>Das Einlösejournal {path} ist nicht verwendbar; echte Einlösungen sind abgeschaltet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not set up</source>
        <translation>Nicht eingerichtet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No bookingkit credentials are stored for {environment} here yet.</source>
        <translation>Für {environment} sind hier noch keine bookingkit-Zugangsdaten gespeichert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run the setup.</source>
        <translation>Die Einrichtung ausführen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Address refused</source>
        <translation>Adresse abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bookingkit address in the settings cannot be used: {why}</source>
        <translation>Die bookingkit-Adresse in den Einstellungen ist nicht verwendbar: {why}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the setup with a valid address.</source>
        <translation>Die Einrichtung mit einer gültigen Adresse ausführen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the setup to confirm which bookingkit this counter works with.</source>
        <translation>Die Einrichtung ausführen, um zu bestätigen, mit welchem bookingkit diese Kasse arbeitet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The settings file was damaged.</source>
        <translation>Die Einstellungsdatei war beschädigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings damaged</source>
        <translation>Einstellungen beschädigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings missing</source>
        <translation>Einstellungen fehlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings file is missing, but this counter has redeemed before: which bookingkit it used is not known. Real redemptions are off until the setup is run.</source>
        <translation>Die Einstellungsdatei fehlt, aber diese Kasse hat schon eingelöst: Mit welchem bookingkit, ist nicht bekannt. Echte Einlösungen sind abgeschaltet, bis die Einrichtung gelaufen ist.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The audit trail is written, but its chain head cannot be kept in the OS keyring: rows cut off the end of the trail would go unnoticed. Unlock the keyring and restart VoucherDesk.</source>
        <translation>Das Prüfprotokoll wird geschrieben, aber sein Kettenkopf kann nicht im Schlüsselbund des Betriebssystems gespeichert werden: am Ende abgeschnittene Zeilen blieben unbemerkt. Entsperren Sie den Schlüsselbund und starten Sie VoucherDesk neu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit trail cannot be written in the data folder: what is done now is in the journal, but not in the audit trail.</source>
        <translation>Das Prüfprotokoll kann im Datenordner nicht geschrieben werden: Was jetzt geschieht, steht im Journal, aber nicht im Prüfprotokoll.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The audit trail does not match the chain head kept in the keyring: rows were cut off or rewritten. Run `voucherdesk audit verify` and have an admin look.</source>
        <translation>Das Prüfprotokoll passt nicht zum Kettenkopf im Schlüsselbund: Zeilen wurden abgeschnitten oder neu geschrieben. Führen Sie `voucherdesk audit verify` aus und lassen Sie einen Admin nachsehen.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/history.py" line="+23"/>
        <source>Prepared, not sent</source>
        <translation>Vorbereitet, nicht gesendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent, no answer yet</source>
        <translation>Gesendet, noch keine Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Booked, top-up open</source>
        <translation>Gebucht, Zuzahlung offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Top-up sent</source>
        <translation>Zuzahlung gesendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redeemed</source>
        <translation>Eingelöst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome unknown</source>
        <translation>Ausgang unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel sent, no answer yet</source>
        <translation>Storno gesendet, noch keine Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs attention</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>environment unknown</source>
        <translation>Umgebung unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production</source>
        <translation>Produktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom server</source>
        <translation>Eigener Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Real redemptions are stopped: booking {code} (pass {voucher}) used otherwise from its pass than quoted.</source>
        <translation>Echte Einlösungen sind gestoppt: Buchung {code} (Mehrfachkarte {voucher}) hat die Karte anders belastet als angezeigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Real redemptions are stopped: booking {code} (voucher {voucher}) drew otherwise from its voucher than quoted.</source>
        <translation>Echte Einlösungen sind gesperrt: Buchung {code} (Gutschein {voucher}) hat den Gutschein anders belastet als angeboten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} more are waiting.</source>
        <translation>{count} weitere warten.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Booking {code} was to use {quoted} of pass {voucher}; bookingkit shows it otherwise ({note}). Check the booking and the pass in bookingkit first. After the acknowledgement real redemptions go on.</source>
        <translation>Buchung {code} sollte {quoted} der Mehrfachkarte {voucher} verbrauchen; bookingkit zeigt es anders ({note}). Zuerst die Buchung und die Karte in bookingkit prüfen. Nach der Bestätigung gehen echte Einlösungen weiter.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Booking {code} was to draw {quoted} from voucher {voucher}; bookingkit&apos;s order shows {drawn}. Check the booking and the voucher in bookingkit first. After the acknowledgement real redemptions go on.</source>
        <translation>Buchung {code} sollte {quoted} vom Gutschein {voucher} abziehen; die Buchung in bookingkit zeigt {drawn}. Erst Buchung und Gutschein in bookingkit prüfen. Nach der Bestätigung gehen echte Einlösungen weiter.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancel booking {code} in bookingkit? It redeemed open-date ticket {ticket}.</source>
        <translation>Buchung {code} in bookingkit stornieren? Mit ihr wurde das Open-Date-Ticket {ticket} eingelöst.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bookingkit may not open the ticket again. VoucherDesk checks the ticket afterwards and tells you what happened.</source>
        <translation>bookingkit öffnet das Ticket danach womöglich nicht wieder. VoucherDesk prüft das Ticket anschließend und sagt, was geschehen ist.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel booking {code} in bookingkit? It used {entries} of pass {card}.</source>
        <translation>Buchung {code} in bookingkit stornieren? Sie hat {entries} der Mehrfachkarte {card} verbraucht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bookingkit may not give the entries back. VoucherDesk checks the pass afterwards and tells you what happened.</source>
        <translation>bookingkit gibt die Eintritte womöglich nicht zurück. VoucherDesk prüft die Karte anschließend und sagt, was geschehen ist.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancel booking {code} in bookingkit? {drawn} was drawn from voucher {voucher}.</source>
        <translation>Buchung {code} in bookingkit stornieren? Vom Gutschein {voucher} wurden {drawn} abgebucht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bookingkit may not put this value back onto the voucher. VoucherDesk checks the voucher afterwards and tells you what happened.</source>
        <translation>bookingkit schreibt diesen Betrag womöglich nicht auf den Gutschein zurück. VoucherDesk prüft den Gutschein danach und sagt Ihnen, was geschehen ist.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The top-up of {top_up} must be paid back by hand.</source>
        <translation>Die Zuzahlung von {top_up} muss von Hand zurückgezahlt werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The ticket is open again: it can be redeemed once more.</source>
        <translation>Das Ticket ist wieder offen: Es kann noch einmal eingelöst werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ticket did NOT open again. Refund the customer another way, for example with a new ticket in bookingkit.</source>
        <translation>Das Ticket ist NICHT wieder offen. Den Kunden anders entschädigen, zum Beispiel mit einem neuen Ticket in bookingkit.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The ticket could not be read again. By our understanding of bookingkit it is open again: check it in bookingkit.</source>
        <translation>Das Ticket konnte nicht erneut gelesen werden. Nach unserem Verständnis von bookingkit ist es wieder offen: in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ticket could not be read again. By our understanding of bookingkit it stays used: check it in bookingkit.</source>
        <translation>Das Ticket konnte nicht erneut gelesen werden. Nach unserem Verständnis von bookingkit bleibt es eingelöst: in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The {used} went back onto the pass; it now holds {left}.</source>
        <translation>Die {used} sind zurück auf der Mehrfachkarte; sie hat jetzt {left}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The {used} did NOT go back onto the pass (it holds {left}). Refund the customer another way.</source>
        <translation>Die {used} sind NICHT zurück auf der Mehrfachkarte (sie hat {left}). Den Kunden anders entschädigen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The pass could not be read again. By our understanding of bookingkit the {used} go back onto it: check it in bookingkit.</source>
        <translation>Die Mehrfachkarte konnte nicht erneut gelesen werden. Nach unserem Verständnis von bookingkit gehen die {used} auf sie zurück: in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The pass could not be read again. By our understanding of bookingkit the {used} do not go back onto it: check it in bookingkit.</source>
        <translation>Die Mehrfachkarte konnte nicht erneut gelesen werden. Nach unserem Verständnis von bookingkit gehen die {used} nicht auf sie zurück: in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The voucher could not be read again. By our understanding of bookingkit the {drawn} should go back onto it: check it in bookingkit.</source>
        <translation>Der Gutschein konnte nicht erneut gelesen werden. Nach unserem Verständnis von bookingkit sollten die {drawn} auf ihn zurückgehen: bitte in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The voucher could not be read again. By our understanding of bookingkit the {drawn} does not go back onto it: check it in bookingkit.</source>
        <translation>Der Gutschein konnte nicht erneut gelesen werden. Nach unserem Verständnis von bookingkit gehen die {drawn} nicht auf ihn zurück: bitte in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="-94"/>
        <location line="+153"/>
        <source>The top-up of {top_up} was not taken: nothing to pay back.</source>
        <translation>Die Zuzahlung von {top_up} wurde nicht kassiert: Es ist nichts zurückzuzahlen.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>{amount}, not sent</source>
        <translation>{amount}, nicht übermittelt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{amount}, left unpaid</source>
        <translation>{amount}, unbezahlt gelassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{amount}, not taken</source>
        <translation>{amount}, nicht eingenommen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Note the top-up of {amount} for booking {code} as taken now? Only once the money is in the till.</source>
        <translation>Die Zuzahlung von {amount} für Buchung {code} jetzt als eingenommen vermerken? Nur, wenn das Geld in der Kasse ist.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Top-up of {amount} for booking {code} noted as taken.</source>
        <translation>Zuzahlung von {amount} für Buchung {code} als eingenommen vermerkt.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Whether booking {code} is cancelled is not known yet: bookingkit did not answer. Do not cancel again; VoucherDesk checks it with “Check again” and at the next start.</source>
        <translation>Ob Buchung {code} storniert ist, ist noch nicht bekannt: bookingkit hat nicht geantwortet. Nicht noch einmal stornieren; VoucherDesk prüft es mit „Erneut prüfen“ und beim nächsten Start.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This redemption was made in another bookingkit environment; it can only be undone there.</source>
        <translation>Diese Einlösung wurde in einer anderen bookingkit-Umgebung gemacht; sie kann nur dort storniert werden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Booking {code} was already undone.</source>
        <translation>Buchung {code} wurde bereits storniert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This counter&apos;s journal has no such redemption.</source>
        <translation>Das Journal dieser Kasse kennt diese Einlösung nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only redemptions made at this counter can be undone here.</source>
        <translation>Hier können nur Einlösungen dieser Kasse storniert werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a finished redemption with an order can be undone.</source>
        <translation>Nur eine abgeschlossene Einlösung mit Buchung kann storniert werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Booking {code} was NOT cancelled: {problem}. {next_step}</source>
        <translation>Buchung {code} wurde NICHT storniert: {problem}. {next_step}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Booking {code} was NOT cancelled: bookingkit answered, but the order is still active. Cancel it in bookingkit&apos;s admin pages.</source>
        <translation>Buchung {code} wurde NICHT storniert: bookingkit hat geantwortet, aber die Buchung ist noch aktiv. Bitte in der Verwaltung von bookingkit stornieren.</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Booking {code} is cancelled.</source>
        <translation>Buchung {code} ist storniert.</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>The {drawn} went back onto the voucher; it now holds {left}.</source>
        <translation>Die {drawn} sind zurück auf dem Gutschein; er hat jetzt {left}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The {drawn} did NOT go back onto the voucher (it holds {left}). Refund the customer another way, for example with a new voucher in bookingkit.</source>
        <translation>Die {drawn} sind NICHT zurück auf dem Gutschein (er hat {left}). Erstatten Sie den Betrag anders, zum Beispiel mit einem neuen Gutschein in bookingkit.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Pay the top-up of {top_up} back to the customer.</source>
        <translation>Zahlen Sie die Zuzahlung von {top_up} an den Kunden zurück.</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../voucherdesk/ui/history/panel.py" line="+236"/>
        <source>Redemptions at this counter</source>
        <translation>Einlösungen an diesem Schalter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo redemption…</source>
        <translation>Einlösung rückgängig…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge…</source>
        <translation>Bestätigen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up received…</source>
        <translation>Zuzahlung erhalten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer slip…</source>
        <translation>Kundenbeleg…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the customer slip again…</source>
        <translation>Kundenbeleg noch einmal drucken…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open entries sent to another bookingkit environment, or to one not recorded. They are not checked or changed here.</source>
        <translation>Offene Einträge, die an eine andere bookingkit-Umgebung gingen oder an eine nicht vermerkte. Sie werden hier weder geprüft noch geändert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+8"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawn</source>
        <translation>Abgebucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up</source>
        <translation>Zuzahlung</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <source>Booking code</source>
        <translation>Buchungscode</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Search voucher code, booking code or name</source>
        <translation>Gutschein-, Buchungscode oder Name suchen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Clerk</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>No redemptions on this day.</source>
        <translation>An diesem Tag keine Einlösungen.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Top-up received</source>
        <translation>Zuzahlung erhalten</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Acknowledged: real redemptions go on.</source>
        <translation>Bestätigt: Echte Einlösungen gehen weiter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undo redemption</source>
        <translation>Einlösung rückgängig machen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelling the booking in bookingkit…</source>
        <translation>Die Buchung wird in bookingkit storniert…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The booking was not cancelled.</source>
        <translation>Die Buchung wurde nicht storniert.</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/kinds.py" line="+28"/>
        <source>Value voucher</source>
        <translation>Wertgutschein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open-date ticket</source>
        <translation>Open-Date-Ticket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pass</source>
        <translation>Mehrfachkarte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 entry</source>
        <translation>1 Eintritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} entries</source>
        <translation>{count} Eintritte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlimited entries</source>
        <translation>Unbegrenzte Eintritte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{left} entries left</source>
        <translation>Noch {left} Eintritte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{left} of {total} entries left</source>
        <translation>Noch {left} von {total} Eintritten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{left} of {total}</source>
        <translation>{left} von {total}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ask for another voucher or another way to pay.</source>
        <translation>Nach einem anderen Gutschein oder einer anderen Zahlungsart fragen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check it in bookingkit&apos;s admin pages.</source>
        <translation>In der Verwaltung von bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ticket open</source>
        <translation>Ticket offen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This open-date ticket can be redeemed for one place.</source>
        <translation>Dieses Open-Date-Ticket gilt für einen Platz.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the appointment and press Enter.</source>
        <translation>Den Termin prüfen und Enter drücken.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ticket already redeemed</source>
        <translation>Ticket schon eingelöst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit says this ticket has been used: nothing is left on it.</source>
        <translation>Laut bookingkit ist dieses Ticket verbraucht: Es ist nichts mehr darauf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ticket expired</source>
        <translation>Ticket abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit says this ticket has expired.</source>
        <translation>Laut bookingkit ist dieses Ticket abgelaufen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ticket deactivated</source>
        <translation>Ticket deaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This ticket was deactivated in bookingkit.</source>
        <translation>Dieses Ticket wurde in bookingkit deaktiviert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ticket status not known</source>
        <translation>Ticketstatus unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bookingkit marks this ticket as “{status}”, which VoucherDesk does not redeem.</source>
        <translation>bookingkit kennzeichnet dieses Ticket als „{status}“; so löst VoucherDesk es nicht ein.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pass good</source>
        <translation>Mehrfachkarte gültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick the date and the entries, then press Enter.</source>
        <translation>Termin und Eintritte wählen, dann Enter drücken.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No entries left</source>
        <translation>Keine Eintritte mehr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All {total} entries of this pass have been used.</source>
        <translation>Alle {total} Eintritte dieser Mehrfachkarte sind verbraucht.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pass cancelled</source>
        <translation>Mehrfachkarte storniert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This pass was cancelled in bookingkit.</source>
        <translation>Diese Mehrfachkarte wurde in bookingkit storniert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pass not paid yet</source>
        <translation>Mehrfachkarte noch nicht bezahlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit shows this pass as pending: it is not paid yet.</source>
        <translation>bookingkit zeigt diese Mehrfachkarte als ausstehend: Sie ist noch nicht bezahlt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pass status not known</source>
        <translation>Status der Mehrfachkarte unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bookingkit marks this pass as “{status}”, which VoucherDesk does not use.</source>
        <translation>bookingkit kennzeichnet diese Mehrfachkarte als „{status}“; so verwendet VoucherDesk sie nicht.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>used</source>
        <translation>eingelöst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not paid yet</source>
        <translation>noch nicht bezahlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This tour, now</source>
        <translation>Diese Tour, jetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This tour, now, even if full (overbook)</source>
        <translation>Diese Tour, jetzt, auch wenn voll (überbuchen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next free appointment</source>
        <translation>Nächster freier Termin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date picked in the list</source>
        <translation>Der in der Liste gewählte Termin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This experience has no appointment running now or later.</source>
        <translation>Dieses Erlebnis hat weder jetzt noch später einen Termin.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The current appointment is full. Choose “overbook” or another date.</source>
        <translation>Der aktuelle Termin ist voll. „Überbuchen“ oder einen anderen Termin wählen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No later appointment has a free place.</source>
        <translation>Kein späterer Termin hat einen freien Platz.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a date in the list.</source>
        <translation>Einen Termin in der Liste wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This date has already started. Pick another one.</source>
        <translation>Dieser Termin hat schon begonnen. Einen anderen wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This date is fully booked. Pick another one.</source>
        <translation>Dieser Termin ist ausgebucht. Einen anderen wählen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This ticket cannot be redeemed.</source>
        <translation>Dieses Ticket kann nicht eingelöst werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only {left} entries are left on this pass, not {wanted}.</source>
        <translation>Auf dieser Mehrfachkarte sind nur noch {left} Eintritte, nicht {wanted}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose at least one entry.</source>
        <translation>Mindestens einen Eintritt wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This pass is for another experience.</source>
        <translation>Diese Mehrfachkarte gilt für ein anderes Erlebnis.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This experience has no price this pass can book.</source>
        <translation>Dieses Erlebnis hat keinen Preis, den diese Mehrfachkarte buchen kann.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This date has already started.</source>
        <translation>Dieser Termin hat schon begonnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bookings for this date close {minutes} minutes before the start.</source>
        <translation>Buchungen für diesen Termin schließen {minutes} Minuten vor Beginn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This date is fully booked. Pick another date.</source>
        <translation>Dieser Termin ist ausgebucht. Einen anderen Termin wählen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only {free} places are free for {wanted} entries.</source>
        <translation>Nur {free} Plätze frei für {wanted} Eintritte.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This pass cannot be used.</source>
        <translation>Diese Mehrfachkarte kann nicht verwendet werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 ticket</source>
        <translation>1 Ticket</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>1 place</source>
        <translation>1 Platz</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../voucherdesk/ui/common/i18n.py" line="+71"/>
        <source>Same as the computer</source>
        <translation>Wie am Computer eingestellt</translation>
    </message>
</context>
<context>
    <name>LinksPage</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/links_page.py" line="+81"/>
        <source>A QR code on a phone voucher may hold a link or a text with the code in it. This rule finds the code for the camera, 2D scanners and typing alike.</source>
        <translation>Ein QR-Code auf einem Handy-Gutschein kann einen Link oder einen Text mit dem Code darin enthalten. Diese Regel findet den Code für die Kamera, 2D-Scanner und das Eintippen gleichermaßen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take the code from</source>
        <translation>Code nehmen aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link parameter</source>
        <translation>Link-Parameter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try a scanned text</source>
        <translation>Gescannten Text ausprobieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The code itself, or a link&apos;s parameter, else its last part</source>
        <translation>Dem Code selbst, oder dem Parameter eines Links, sonst seinem letzten Teil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A link&apos;s parameter only</source>
        <translation>Nur dem Parameter eines Links</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last part of a link</source>
        <translation>Dem letzten Teil eines Links</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A pattern with one group, e.g. Code: ([A-Z0-9-]+)</source>
        <translation>Einem Muster mit einer Gruppe, z. B. Code: ([A-Z0-9-]+)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Enter the name of the link parameter that holds the code.</source>
        <translation>Den Namen des Link-Parameters eingeben, der den Code enthält.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{code} (from {source})</source>
        <translation>{code} (aus {source})</translation>
    </message>
</context>
<context>
    <name>LockGuard</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/lock_guard.py" line="+219"/>
        <source>The counter locks as soon as this booking is done.</source>
        <translation>Der Schalter wird gesperrt, sobald diese Buchung fertig ist.</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>VoucherDesk can close once this booking is done.</source>
        <translation>VoucherDesk kann schließen, sobald diese Buchung fertig ist.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/lock_screen.py" line="+114"/>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the PIN and press Enter to go on.</source>
        <translation>PIN eingeben und mit Enter weitermachen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+27"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+12"/>
        <source>Close VoucherDesk?</source>
        <translation>VoucherDesk schließen?</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Enter the PIN and press Enter to close VoucherDesk.</source>
        <translation>PIN eingeben und mit Enter VoucherDesk schließen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+27"/>
        <source>Keep open</source>
        <translation>Offen lassen</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Choose your name and enter your PIN to close VoucherDesk.</source>
        <translation>Namen wählen und eigene PIN eingeben, um VoucherDesk zu schließen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{clerk} or an admin enters their PIN to close VoucherDesk.</source>
        <translation>{clerk} oder ein Admin gibt die eigene PIN ein, um VoucherDesk zu schließen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Choose your name, enter your PIN and press Enter.</source>
        <translation>Namen wählen, eigene PIN eingeben und Enter drücken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked by {clerk}</source>
        <translation>Gesperrt von {clerk}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{clerk} or an admin enters their PIN to go on.</source>
        <translation>{clerk} oder ein Admin gibt die eigene PIN ein, um weiterzumachen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your PIN</source>
        <translation>Ihre PIN</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Locked — choose your name and enter your PIN first</source>
        <translation>Gesperrt – zuerst Namen wählen und eigene PIN eingeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locked — enter the PIN first</source>
        <translation>Gesperrt — erst die PIN eingeben</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+31"/>
        <source>Checking the PIN…</source>
        <translation>PIN wird geprüft…</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Wrong PIN. Tries left before a pause: {left}</source>
        <translation>Falsche PIN. Versuche bis zu einer Pause: {left}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Only {clerk} or an admin can unlock this counter.</source>
        <translation>Nur {clerk} oder ein Admin kann diese Kasse entsperren.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The PIN could not be checked. Try again.</source>
        <translation>Die PIN konnte nicht geprüft werden. Bitte noch einmal.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You can try the PIN again.</source>
        <translation>Sie können die PIN wieder eingeben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Zu viele falsche PINs. Nächster Versuch in {seconds} s.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../voucherdesk/ui/main_window.py" line="+104"/>
        <source>VoucherDesk</source>
        <translation>VoucherDesk</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Scan a voucher</source>
        <translation>Gutschein scannen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+277"/>
        <source>…or type its code and press Enter.</source>
        <translation>…oder den Code eintippen und Enter drücken.</translation>
    </message>
    <message>
        <location line="-272"/>
        <source>Voucher code</source>
        <translation>Gutscheincode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Counter</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History…</source>
        <translation>Verlauf…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh places</source>
        <translation>Plätze aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End-of-shift report…</source>
        <translation>Schichtbericht…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Switch clerk…</source>
        <translation>Mitarbeiter wechseln …</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit access…</source>
        <translation>bookingkit-Zugang…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clerks and kiosk mode…</source>
        <translation>Mitarbeiter und Kioskmodus …</translation>
    </message>
    <message>
        <location line="+278"/>
        <source>Asking bookingkit about this code…</source>
        <translation>bookingkit wird nach diesem Code gefragt…</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Top-up not collected</source>
        <translation>Zuzahlung nicht kassiert</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>Checking open redemptions… scans are taken in a moment.</source>
        <translation>Offene Einlösungen werden geprüft… Scans werden gleich angenommen.</translation>
    </message>
</context>
<context>
    <name>NextStepPanel</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/next_step_panel.py" line="+31"/>
        <source>Go on booking (Enter)</source>
        <translation>Weiter buchen (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to scanning (Esc)</source>
        <translation>Zurück zum Scannen (Esc)</translation>
    </message>
</context>
<context>
    <name>NoKeyringPage</name>
    <message>
        <location filename="../../voucherdesk/ui/setup/no_keyring_page.py" line="+35"/>
        <source>No keyring found</source>
        <translation>Kein Schlüsselbund gefunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>VoucherDesk keeps the bookingkit credentials only in the operating system&apos;s keyring, never in a file. No usable keyring was found.

Windows: the Credential Manager must be available (it normally is).
macOS: the login Keychain must be unlocked.
Linux: start a Secret Service in your desktop session (GNOME Keyring or KWallet) and unlock it, then click “Check again”.</source>
        <translation>VoucherDesk bewahrt die bookingkit-Zugangsdaten nur im Schlüsselbund des Betriebssystems auf, nie in einer Datei. Es wurde kein nutzbarer Schlüsselbund gefunden.

Windows: Die Anmeldeinformationsverwaltung muss verfügbar sein (das ist sie normalerweise).
macOS: Der Anmeldeschlüsselbund muss entsperrt sein.
Linux: Starten Sie in Ihrer Desktop-Sitzung einen Secret Service (GNOME Keyring oder KWallet), entsperren Sie ihn und klicken Sie dann auf „Erneut prüfen“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Still no usable keyring.</source>
        <translation>Noch immer kein nutzbarer Schlüsselbund.</translation>
    </message>
</context>
<context>
    <name>PassPanel</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/pass_panel.py" line="+72"/>
        <source>Refresh places</source>
        <translation>Plätze aktualisieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Entries left now</source>
        <translation>Jetzt noch übrig</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Left after this booking</source>
        <translation>Nach dieser Buchung</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Back (Esc)</source>
        <translation>Zurück (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book with the pass (Enter)</source>
        <translation>Buchen (Enter)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Experience</source>
        <translation>Erlebnis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Entries</source>
        <translation>Eintritte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pass</source>
        <translation>Mehrfachkarte</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Pick an experience.</source>
        <translation>Ein Erlebnis wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading dates…</source>
        <translation>Termine werden geladen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No dates in the next four weeks.</source>
        <translation>Keine Termine in den nächsten vier Wochen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>full</source>
        <translation>ausgebucht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} free</source>
        <translation>{count} frei</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Participants ({price})</source>
        <translation>Teilnehmer ({price})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Participants</source>
        <translation>Teilnehmer</translation>
    </message>
</context>
<context>
    <name>PinBox</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/pin_box.py" line="+64"/>
        <source>PIN lock</source>
        <translation>PIN-Sperre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PIN is set: Ctrl+L locks the counter.</source>
        <translation>Eine PIN ist gesetzt: Strg+L sperrt den Schalter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No PIN is set, so the counter never locks.</source>
        <translation>Keine PIN gesetzt, daher wird der Schalter nie gesperrt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current PIN</source>
        <translation>Bisherige PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New PIN (4 to 8 digits)</source>
        <translation>Neue PIN (4 bis 8 Ziffern)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New PIN again</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock when idle for</source>
        <translation>Sperren nach Untätigkeit von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the PIN</source>
        <translation>PIN entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The current PIN is not right.</source>
        <translation>Die bisherige PIN stimmt nicht.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>Eine PIN hat 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two new PINs are not the same.</source>
        <translation>Die beiden neuen PINs sind nicht gleich.</translation>
    </message>
</context>
<context>
    <name>RedeemingView</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/redeeming_view.py" line="+35"/>
        <source>Booking in bookingkit…</source>
        <translation>Buchung in bookingkit…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stop waiting (Esc)</source>
        <translation>Nicht mehr warten (Esc)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bookingkit has not answered for {seconds} s. If you stop waiting, nothing is sent again; “Check again” then finds out what happened.</source>
        <translation>bookingkit antwortet seit {seconds} s nicht. Wenn Sie nicht mehr warten, wird nichts erneut gesendet; „Erneut prüfen“ findet dann heraus, was geschehen ist.</translation>
    </message>
</context>
<context>
    <name>RefusalView</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/refusal_view.py" line="+59"/>
        <source>Back to scanning (Esc)</source>
        <translation>Zurück zum Scannen (Esc)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Esc goes back. The next scan is taken at once.</source>
        <translation>Esc geht zurück. Der nächste Scan wird sofort angenommen.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Value {amount}</source>
        <translation>Wert {amount}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>left on it {amount}</source>
        <translation>darauf noch {amount}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Did you mean:</source>
        <translation>Meinten Sie:</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/result_view.py" line="+101"/>
        <source>Top-up received (Enter)</source>
        <translation>Zuzahlung erhalten (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer gone: leave unpaid</source>
        <translation>Kunde gegangen: unbezahlt lassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+118"/>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Acknowledge…</source>
        <translation>Bestätigen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next customer (Esc)</source>
        <translation>Nächster Kunde (Esc)</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Journal key: {key}</source>
        <translation>Journal-Schlüssel: {key}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Booking code</source>
        <translation>Buchungscode</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stays on screen while the slip is printed. Esc: next customer.</source>
        <translation>Bleibt stehen, während der Beleg gedruckt wird. Esc: nächster Kunde.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>From voucher</source>
        <translation>Vom Gutschein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left on voucher</source>
        <translation>Rest auf dem Gutschein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-up taken</source>
        <translation>Zuzahlung erhalten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entries used</source>
        <translation>Eintritte verbraucht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left on the pass</source>
        <translation>Rest auf der Karte</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Customer slip… (Ctrl+P)</source>
        <translation>Kundenbeleg… (Strg+P)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>From before this start. Customer gone? Leave it unpaid: the shift report lists it.</source>
        <translation>Aus der Zeit vor diesem Start. Kunde gegangen? Unbezahlt lassen: Der Schichtbericht führt sie auf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This stays until the top-up is confirmed. Scans wait until then.</source>
        <translation>Bleibt stehen, bis die Zuzahlung bestätigt ist. Scans warten so lange.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Real redemptions stay stopped until this is acknowledged.</source>
        <translation>Echte Einlösungen bleiben gesperrt, bis das bestätigt ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged: real redemptions go on.</source>
        <translation>Bestätigt: Echte Einlösungen gehen weiter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back to scanning after {seconds} s, or scan the next voucher.</source>
        <translation>Zurück zum Scannen nach {seconds} s – oder gleich den nächsten Gutschein scannen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan the next voucher when this is settled.</source>
        <translation>Den nächsten Gutschein scannen, wenn dies geklärt ist.</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
</context>
<context>
    <name>ScannerCheck</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/scanner_check.py" line="+14"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing (the code ends after a short pause)</source>
        <translation>nichts (der Code endet nach einer kurzen Pause)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Too few keys to measure the timing.</source>
        <translation>Zu wenige Tasten, um das Tempo zu messen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keys came {median} ms apart on average, {longest} ms at the slowest.</source>
        <translation>Die Tasten kamen im Mittel {median} ms auseinander, höchstens {longest} ms.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>That is too slow for a scanner: was this typed by hand? If not, lower the scanner&apos;s delay between characters.</source>
        <translation>Das ist zu langsam für einen Scanner: Wurde das von Hand getippt? Falls nicht, verringern Sie die Verzögerung zwischen den Zeichen am Scanner.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The counter learns this scanner&apos;s key gap: {ms} ms.</source>
        <translation>Die Kasse merkt sich den Tastenabstand dieses Scanners: {ms} ms.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Y and Z are swapped.</source>
        <translation>Y und Z sind vertauscht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A dash “-” arrives as “ß”.</source>
        <translation>Ein Bindestrich „-“ kommt als „ß“ an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Brackets and quotes arrive as umlauts.</source>
        <translation>Klammern und Anführungszeichen kommen als Umlaute an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some symbols arrive as other symbols.</source>
        <translation>Einige Zeichen kommen als andere Zeichen an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upper and lower case are inverted.</source>
        <translation>Groß- und Kleinschreibung sind vertauscht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scan differs from the code in a way that has no simple cause.</source>
        <translation>Der Scan weicht vom Code ab, ohne dass es eine einfache Ursache gibt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Check that the code below is exactly what is printed, then set the scanner&apos;s keyboard country to match this computer.</source>
        <translation>Prüfen Sie, ob der Code unten genau dem Aufdruck entspricht, und stellen Sie dann das Tastaturland des Scanners passend zu diesem Computer ein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Switch Caps Lock off, or turn on the scanner&apos;s Caps Lock detection.</source>
        <translation>Schalten Sie die Feststelltaste aus oder die Feststelltasten-Erkennung des Scanners ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scanner types for a US keyboard, but this computer uses a German (QWERTZ) layout. Set the scanner&apos;s keyboard country to German (see its setup sheet), or switch this computer&apos;s keyboard layout to US.</source>
        <translation>Der Scanner tippt für eine US-Tastatur, dieser Computer nutzt aber eine deutsche (QWERTZ-)Belegung. Stellen Sie das Tastaturland des Scanners auf Deutsch (siehe sein Einrichtungsblatt) oder die Tastaturbelegung dieses Computers auf US.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The scanner works. It sends no Enter after a code: program it to add Enter, or keep the setting “Nothing”.</source>
        <translation>Der Scanner funktioniert. Er sendet nach einem Code kein Enter: Programmieren Sie ihn so, dass er Enter anhängt, oder behalten Sie die Einstellung „Nichts“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scanner works. No keyboard-layout damage.</source>
        <translation>Der Scanner funktioniert. Keine Fehler durch die Tastaturbelegung.</translation>
    </message>
</context>
<context>
    <name>ScannerCheckDialog</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/scanner_check_dialog.py" line="+123"/>
        <source>Scanner check</source>
        <translation>Scanner-Test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code taken</source>
        <translation>Genommener Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code as printed</source>
        <translation>Code wie gedruckt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends with</source>
        <translation>Endet mit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timing</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard layout</source>
        <translation>Tastaturbelegung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan again</source>
        <translation>Erneut scannen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use these settings</source>
        <translation>Diese Einstellungen übernehmen</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Scan a voucher now (or the test code from the scanner&apos;s manual). Whatever field has focus, the keys come here.</source>
        <translation>Scannen Sie jetzt einen Gutschein (oder den Testcode aus der Anleitung des Scanners). Egal welches Feld den Fokus hat, die Tasten kommen hier an.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check that “Code as printed” matches the paper exactly, letter by letter.</source>
        <translation>Prüfen Sie, ob „Code wie gedruckt“ Zeichen für Zeichen genau dem Papier entspricht.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(and it puts “{prefix}” in front)</source>
        <translation>(und er setzt „{prefix}“ davor)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/scanner_page.py" line="+97"/>
        <source>Prefix to remove</source>
        <translation>Präfix entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suffix to remove</source>
        <translation>Suffix entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner ends a code with</source>
        <translation>Scanner beendet einen Code mit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter case</source>
        <translation>Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner key gap (learned)</source>
        <translation>Tastenabstand des Scanners (gelernt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without Enter, a code ends after</source>
        <translation>Ohne Enter endet ein Code nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortest code</source>
        <translation>Kürzester Code</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing</source>
        <translation>Nichts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep as scanned</source>
        <translation>Wie gescannt lassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make upper case</source>
        <translation>In Großbuchstaben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make lower case</source>
        <translation>In Kleinbuchstaben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove spaces and dashes from codes</source>
        <translation>Leerzeichen und Bindestriche aus Codes entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>not learned yet</source>
        <translation>noch nicht gelernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> characters</source>
        <translation> Zeichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the scanner…</source>
        <translation>Scanner testen…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/dialog.py" line="+109"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR codes and links</source>
        <translation>QR-Codes und Links</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The address must be a web address starting with https:// or http://.</source>
        <translation>Die Adresse muss eine Webadresse sein, die mit https:// oder http:// beginnt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The counter needs a name.</source>
        <translation>Der Schalter braucht einen Namen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The currency is a three-letter code such as EUR.</source>
        <translation>Die Währung ist ein Code aus drei Buchstaben, etwa EUR.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Some values are out of range: {where}</source>
        <translation>Einige Werte liegen außerhalb des Bereichs: {where}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Forget credentials</source>
        <translation>Zugangsdaten vergessen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove the bookingkit client id, secret and access token of “{name}” from this computer&apos;s keyring? This counter cannot redeem until the setup is run again.</source>
        <translation>Client-ID, Secret und Zugriffstoken für „{name}“ aus dem Schlüsselbund dieses Computers entfernen? Dieser Schalter kann erst nach erneuter Einrichtung wieder einlösen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The keyring could not be reached, so nothing was removed.</source>
        <translation>Der Schlüsselbund war nicht erreichbar, daher wurde nichts entfernt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The credentials were removed from the keyring.</source>
        <translation>Die Zugangsdaten wurden aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The scanner check&apos;s findings were taken over.</source>
        <translation>Die Ergebnisse des Scanner-Tests wurden übernommen.</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/setup.py" line="+15"/>
        <source>The address must start with https://.</source>
        <translation>Die Adresse muss mit https:// beginnen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address has no host name VoucherDesk can read.</source>
        <translation>Die Adresse hat keinen Hostnamen, den VoucherDesk lesen kann.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must not hold a user name or password: the credentials are entered separately and kept in the keyring.</source>
        <translation>Die Adresse darf keinen Benutzernamen und kein Passwort enthalten: Die Zugangsdaten werden getrennt eingegeben und im Schlüsselbund verwahrt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Plain http:// is only allowed to this computer; anywhere else the credentials would travel unprotected. Use https://.</source>
        <translation>Einfaches http:// ist nur zu diesem Rechner erlaubt; überall sonst gingen die Zugangsdaten ungeschützt über das Netz. Bitte https:// verwenden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A base address has no ?… or #… part.</source>
        <translation>Eine Basisadresse hat keinen ?…- oder #…-Teil.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connected to bookingkit {environment} as {vendors}.</source>
        <translation>Mit bookingkit {environment} verbunden als {vendors}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no vendor</source>
        <translation>kein Anbieter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The credentials were not stored; the access token was kept, so a new try within the hour needs no new one.</source>
        <translation>Die Zugangsdaten wurden nicht gespeichert; das Zugriffstoken wurde behalten, daher braucht ein neuer Versuch innerhalb der Stunde kein neues.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was stored.</source>
        <translation>Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bookingkit refused this client id or client secret. Copy both again from bookingkit and try again.</source>
        <translation>bookingkit hat diese Client-ID oder dieses Client-Secret abgelehnt. Kopieren Sie beide erneut aus bookingkit und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>bookingkit could not be reached. Check the network connection (and the address, if you entered one), then try again.</source>
        <translation>bookingkit ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung (und die Adresse, falls Sie eine eingegeben haben) und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server&apos;s security certificate was refused, so nothing was sent to it. Check the address; a network that intercepts secure connections can also cause this.</source>
        <translation>Das Sicherheitszertifikat des Servers wurde abgelehnt, deshalb wurde nichts an ihn gesendet. Die Adresse prüfen; auch ein Netz, das sichere Verbindungen abfängt, kann die Ursache sein.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>an hour from now</source>
        <translation>in einer Stunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The credentials are right, but another counter or program using the same API client holds bookingkit&apos;s only access token until {until} at the latest. Try again after that, or give this counter its own API client.</source>
        <translation>Die Zugangsdaten stimmen, aber ein anderer Schalter oder ein anderes Programm mit demselben API-Client hält das einzige Zugriffstoken von bookingkit, spätestens bis {until}. Versuchen Sie es danach erneut oder geben Sie diesem Schalter einen eigenen API-Client.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This bookingkit account has used up its monthly number of API requests. It starts again on the 1st of next month; bookingkit support can raise it.</source>
        <translation>Dieses bookingkit-Konto hat sein monatliches Kontingent an API-Anfragen verbraucht. Es beginnt am 1. des nächsten Monats neu; der bookingkit-Support kann es erhöhen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The credentials are right, but this API client may not read the data VoucherDesk needs. In bookingkit, give it the scopes for calendar and orders.</source>
        <translation>Die Zugangsdaten stimmen, aber dieser API-Client darf die Daten nicht lesen, die VoucherDesk braucht. Geben Sie ihm in bookingkit die Berechtigungen (Scopes) für Kalender und Bestellungen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>bookingkit has a problem right now. Try again in a few minutes.</source>
        <translation>bookingkit hat gerade ein Problem. Versuchen Sie es in ein paar Minuten erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This address answered, but not like bookingkit&apos;s API. Check the address.</source>
        <translation>Diese Adresse antwortet, aber nicht wie die API von bookingkit. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no usable keyring of the operating system, and VoucherDesk stores credentials nowhere else. Unlock or start it (see the setup&apos;s keyring page), then try again.</source>
        <translation>Es gibt keinen nutzbaren Schlüsselbund des Betriebssystems, und VoucherDesk speichert Zugangsdaten nirgends sonst. Ihn entsperren oder starten (siehe die Schlüsselbund-Seite der Einrichtung), dann erneut versuchen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The credentials are right, but the settings could not be saved on this computer (a read-only folder or a full disk?). Fix that, then try again.</source>
        <translation>Die Zugangsdaten stimmen, aber die Einstellungen konnten auf diesem Rechner nicht gespeichert werden (schreibgeschützter Ordner oder volle Festplatte?). Das beheben, dann noch einmal versuchen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The test failed unexpectedly. Try again; if it keeps failing, see the log file.</source>
        <translation>Der Test ist unerwartet fehlgeschlagen. Versuchen Sie es erneut; wenn es weiter scheitert, sehen Sie in die Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../voucherdesk/ui/setup/wizard.py" line="+94"/>
        <source>VoucherDesk setup</source>
        <translation>VoucherDesk einrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start redeeming</source>
        <translation>Einlösen beginnen</translation>
    </message>
</context>
<context>
    <name>ShiftReport</name>
    <message>
        <location filename="../../voucherdesk/ui/history/shift_report_pdf.py" line="+62"/>
        <source>top-up to hand back: {amount}</source>
        <translation>Zuzahlung zurückgeben: {amount}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>left unpaid</source>
        <translation>unbezahlt gelassen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{n} redemption(s) need checking in bookingkit:</source>
        <translation>{n} Einlösung(en) in bookingkit prüfen:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{n} top-up(s) not confirmed as taken (bookingkit counts them as paid):</source>
        <translation>{n} Zuzahlung(en) nicht als eingenommen bestätigt (bookingkit führt sie als bezahlt):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} booking(s) drew otherwise than quoted and await acknowledgement:</source>
        <translation>{n} Buchung(en) haben anders belastet als angeboten und warten auf Bestätigung:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Every redemption of this day is settled.</source>
        <translation>Alle Einlösungen dieses Tages sind abgeschlossen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Redemptions done</source>
        <translation>Einlösungen abgeschlossen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drawn from vouchers</source>
        <translation>Von Gutscheinen abgebucht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-ups taken</source>
        <translation>Zuzahlungen eingenommen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open-date tickets redeemed</source>
        <translation>Open-Date-Tickets eingelöst</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bookings with a pass</source>
        <translation>Buchungen mit Mehrfachkarte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} ({entries})</source>
        <translation>{count} ({entries})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undone (not in the totals)</source>
        <translation>Rückgängig gemacht (nicht in den Summen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refused by bookingkit</source>
        <translation>Von bookingkit abgelehnt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped before sending</source>
        <translation>Vor dem Senden abgebrochen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Undone redemptions (refund by hand where needed):</source>
        <translation>Rückgängig gemachte Einlösungen (wo nötig von Hand erstatten):</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Clerk</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redemptions</source>
        <translation>Einlösungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Top-ups by method</source>
        <translation>Zuzahlungen nach Zahlart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undos</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(nobody signed in)</source>
        <translation>(niemand angemeldet)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Per clerk</source>
        <translation>Pro Mitarbeiter</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking code</source>
        <translation>Buchungscode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+44"/>
        <source>Drawn</source>
        <translation>Abgebucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up</source>
        <translation>Zuzahlung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value left</source>
        <translation>Restwert</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Counter {counter} · {environment} · generated {when}</source>
        <translation>Schalter {counter} · {environment} · erstellt {when}</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/history/hourly_chart.py" line="+20"/>
        <source>Redemptions per hour</source>
        <translation>Einlösungen pro Stunde</translation>
    </message>
    <message>
        <location line="+32"/>
        <location filename="../../voucherdesk/ui/history/shift_report_pdf.py" line="+18"/>
        <source>No redemptions on this day.</source>
        <translation>An diesem Tag keine Einlösungen.</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/history/shift_report_pdf.py" line="+2"/>
        <source>End-of-shift report {day}</source>
        <translation>Schichtbericht {day}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>End-of-shift report</source>
        <translation>Schichtbericht</translation>
    </message>
</context>
<context>
    <name>ShiftReportDialog</name>
    <message>
        <location filename="../../voucherdesk/ui/history/shift_report_dialog.py" line="+170"/>
        <source>End-of-shift report</source>
        <translation>Schichtbericht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End-of-shift report of counter {counter}</source>
        <translation>Schichtbericht des Schalters {counter}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save CSV…</source>
        <translation>CSV speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save PDF…</source>
        <translation>PDF speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole venue…</source>
        <translation>Ganzes Haus…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every counter&apos;s voucher orders of this day, read from bookingkit</source>
        <translation>Die Gutschein-Buchungen aller Schalter an diesem Tag, aus bookingkit gelesen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the journal…</source>
        <translation>Das Journal wird gelesen…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No redemptions on this day.</source>
        <translation>An diesem Tag keine Einlösungen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Save CSV</source>
        <translation>CSV speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save PDF</source>
        <translation>PDF speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Saved {path}</source>
        <translation>Gespeichert: {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not saved: {reason}</source>
        <translation>Nicht gespeichert: {reason}</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <location filename="../../voucherdesk/ui/history/slip_printer.py" line="+48"/>
        <source>cash</source>
        <translation>bar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>card or other</source>
        <translation>Karte oder anders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mobile app</source>
        <translation>Mobile App</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>For {name}</source>
        <translation>Für {name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid with the voucher</source>
        <translation>Mit dem Gutschein bezahlt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-up paid ({method})</source>
        <translation>Zuzahlung bezahlt ({method})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Left on the voucher</source>
        <translation>Rest auf dem Gutschein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Counter {counter} · printed {when}</source>
        <translation>Schalter {counter} · gedruckt {when}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open-date ticket</source>
        <translation>Open-Date-Ticket</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pass</source>
        <translation>Mehrfachkarte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{left} of {total}</source>
        <translation>{left} von {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Entries left on the pass</source>
        <translation>Eintritte auf der Mehrfachkarte</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+53"/>
        <location line="+61"/>
        <location line="+46"/>
        <source>Booking confirmation</source>
        <translation>Buchungsbestätigung</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+56"/>
        <source>Booking code</source>
        <translation>Buchungscode</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+57"/>
        <source>Please show this code on arrival.</source>
        <translation>Bitte diesen Code bei Ankunft vorzeigen.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Top-up paid</source>
        <translation>Zuzahlung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Slip printed.</source>
        <translation>Beleg gedruckt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The slip could not be printed.</source>
        <translation>Der Beleg konnte nicht gedruckt werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Slip not saved: {reason}</source>
        <translation>Beleg nicht gespeichert: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slip saved: {path}</source>
        <translation>Beleg gespeichert: {path}</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/staff.py" line="+26"/>
        <source>Enter the clerk&apos;s name.</source>
        <translation>Namen des Mitarbeiters eingeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A name has at most {count} characters.</source>
        <translation>Ein Name hat höchstens {count} Zeichen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A clerk of this name exists already.</source>
        <translation>Einen Mitarbeiter mit diesem Namen gibt es schon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PIN is 4 to 8 digits, typed the same twice.</source>
        <translation>Eine PIN hat 4 bis 8 Ziffern und wird zweimal gleich eingegeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a clerk in the list first.</source>
        <translation>Zuerst einen Mitarbeiter in der Liste wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least one clerk must stay an admin.</source>
        <translation>Mindestens ein Mitarbeiter muss Admin bleiben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first clerk must be an admin: they manage the others.</source>
        <translation>Der erste Mitarbeiter muss Admin sein: Er verwaltet die anderen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The settings are for admins: enter an admin PIN.</source>
        <translation>Die Einstellungen sind Admins vorbehalten: Admin-PIN eingeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bookingkit access is for admins: enter an admin PIN.</source>
        <translation>Der bookingkit-Zugang ist Admins vorbehalten: Admin-PIN eingeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This counter is in kiosk mode: enter an admin PIN to close it.</source>
        <translation>Diese Kasse ist im Kioskmodus: Zum Schließen Admin-PIN eingeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only an admin manages the clerks: enter an admin PIN.</source>
        <translation>Nur ein Admin verwaltet die Mitarbeiter: Admin-PIN eingeben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody signed in</source>
        <translation>Niemand angemeldet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerk: {clerk}</source>
        <translation>Mitarbeiter: {clerk}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{clerk}, last step: {other}</source>
        <translation>{clerk}, letzter Schritt: {other}</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../voucherdesk/ui/settings/staff_dialog.py" line="+125"/>
        <source>Clerks and kiosk mode</source>
        <translation>Mitarbeiter und Kioskmodus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerks</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With clerks set up, each clerk signs in with their name and their own PIN, and the journal records who did what. Without clerks nobody signs in.</source>
        <translation>Mit eingerichteten Mitarbeitern meldet sich jeder mit Namen und eigener PIN an, und das Journal hält fest, wer was getan hat. Ohne Mitarbeiter meldet sich niemand an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN (4 to 8 digits)</source>
        <translation>PIN (4 bis 8 Ziffern)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN again</source>
        <translation>PIN wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin: manages clerks, opens a kiosk</source>
        <translation>Admin: verwaltet Mitarbeiter, öffnet den Kiosk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add clerk</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set new PIN</source>
        <translation>Neue PIN setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin on/off</source>
        <translation>Admin an/aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kiosk mode</source>
        <translation>Kioskmodus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings, setup and quitting need an admin PIN</source>
        <translation>Einstellungen, Einrichtung und Beenden nur mit Admin-PIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An admin PIN is the PIN of an admin clerk, or the counter&apos;s PIN when no clerk is an admin.</source>
        <translation>Eine Admin-PIN ist die PIN eines Admins oder, wenn kein Mitarbeiter Admin ist, die PIN der Kasse.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Clerk added. OK keeps the change.</source>
        <translation>Mitarbeiter hinzugefügt. OK übernimmt die Änderung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New PIN set. OK keeps the change.</source>
        <translation>Neue PIN gesetzt. OK übernimmt die Änderung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Admin role changed. OK keeps the change.</source>
        <translation>Admin-Rolle geändert. OK übernimmt die Änderung.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clerk removed. OK keeps the change.</source>
        <translation>Mitarbeiter entfernt. OK übernimmt die Änderung.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/status_strip.py" line="+98"/>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom server</source>
        <translation>Eigener Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>● not connected yet</source>
        <translation>● noch nicht verbunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● online</source>
        <translation>● online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>○ OFFLINE</source>
        <translation>○ OFFLINE</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last call: {method} {path} → {status} in {ms} ms</source>
        <translation>Letzter Aufruf: {method} {path} → {status} in {ms} ms</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Token until {time}</source>
        <translation>Token bis {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No token</source>
        <translation>Kein Token</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} requests this month</source>
        <translation>{count} Anfragen in diesem Monat</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/ticket_panel.py" line="+69"/>
        <source>Refresh places</source>
        <translation>Plätze aktualisieren</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Back (Esc)</source>
        <translation>Zurück (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem ticket (Enter)</source>
        <translation>Einlösen (Enter)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>…or pick a date</source>
        <translation>…oder einen Termin wählen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This redemption</source>
        <translation>Diese Einlösung</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+38"/>
        <source>Loading dates…</source>
        <translation>Termine werden geladen…</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>No dates in the next four weeks.</source>
        <translation>Keine Termine in den nächsten vier Wochen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>full</source>
        <translation>ausgebucht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} free</source>
        <translation>{count} frei</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Full: this redemption overbooks it by one place.</source>
        <translation>Voll: Diese Einlösung überbucht ihn um einen Platz.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} places free before this one</source>
        <translation>Vor dieser Einlösung {count} Plätze frei</translation>
    </message>
</context>
<context>
    <name>Venue</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/venue.py" line="+26"/>
        <source>Every order of the account was read (the API client holds {scope}).</source>
        <translation>Alle Buchungen des Kontos wurden gelesen (der API-Client hat {scope}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>bookingkit showed the other counters&apos; orders too: this API client may read them (guess U5 holds for this account).</source>
        <translation>bookingkit hat auch die Buchungen der anderen Schalter gezeigt: Dieser API-Client darf sie lesen (Annahme U5 stimmt für dieses Konto).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>bookingkit showed only this counter&apos;s orders. If other counters booked on this day, this API client may not read their orders (guess U5): a venue-wide report needs an API client with the scope {scope}.</source>
        <translation>bookingkit hat nur die Buchungen dieses Schalters gezeigt. Wenn andere Schalter an diesem Tag gebucht haben, darf dieser API-Client deren Buchungen wohl nicht lesen (Annahme U5): Für den Bericht des ganzen Hauses braucht es einen API-Client mit dem Scope {scope}.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>All counters</source>
        <translation>Alle Schalter</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} (had drawn {drawn})</source>
        <translation>{count} ({drawn} abgebucht)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading bookingkit&apos;s orders: page {pages}, {orders} orders…</source>
        <translation>Buchungen aus bookingkit werden gelesen: Seite {pages}, {orders} Buchungen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading bookingkit&apos;s orders: {orders} of {total}…</source>
        <translation>Buchungen aus bookingkit werden gelesen: {orders} von {total}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Voucher orders not made at a counter (shop, admin): {count}.</source>
        <translation>Gutschein-Buchungen, die nicht an einem Schalter entstanden (Shop, Verwaltung): {count}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Requests to bookingkit: {pages}.</source>
        <translation>Anfragen an bookingkit: {pages}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} orders could not be read and are not counted.</source>
        <translation>{count} Buchungen waren nicht lesbar und sind nicht mitgezählt.</translation>
    </message>
</context>
<context>
    <name>VenueReportDialog</name>
    <message>
        <location filename="../../voucherdesk/ui/history/venue_report_dialog.py" line="+160"/>
        <source>Venue report</source>
        <translation>Bericht für das ganze Haus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voucher orders of every counter, read from bookingkit</source>
        <translation>Gutschein-Buchungen aller Schalter, aus bookingkit gelesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read again</source>
        <translation>Neu lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counter</source>
        <translation>Schalter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawn</source>
        <translation>Abgebucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Zuzahlungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading bookingkit&apos;s orders…</source>
        <translation>Buchungen aus bookingkit werden gelesen…</translation>
    </message>
</context>
<context>
    <name>VoucherCard</name>
    <message>
        <location filename="../../voucherdesk/ui/counter/voucher_card.py" line="+125"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Stop waiting (Esc)</source>
        <translation>Nicht mehr warten (Esc)</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Left: {amount}</source>
        <translation>Rest: {amount}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+18"/>
        <location line="+13"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>1 × {price}</source>
        <translation>1 × {price}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>place</source>
        <translation>Platz</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Experience</source>
        <translation>Erlebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price category</source>
        <translation>Preiskategorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entries</source>
        <translation>Eintritte</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Created</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left</source>
        <translation>Rest</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Used before:</source>
        <translation>Bisher eingelöst:</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Did you mean:</source>
        <translation>Meinten Sie:</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../voucherdesk/ui/wording/voucher.py" line="+28"/>
        <source>Good</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Pick the experience and the date.</source>
        <translation>Erlebnis und Termin wählen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Partly used</source>
        <translation>Teilweise eingelöst</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Used up</source>
        <translation>Aufgebraucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is left on this voucher.</source>
        <translation>Auf diesem Gutschein ist nichts mehr übrig.</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Ask for another voucher or another way to pay.</source>
        <translation>Nach einem anderen Gutschein oder einer anderen Zahlungsart fragen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{left} available.</source>
        <translation>{left} verfügbar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{left} left of {value}.</source>
        <translation>{left} von {value} übrig.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No value</source>
        <translation>Kein Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit shows no value for this voucher, so nothing can be drawn from it.</source>
        <translation>bookingkit zeigt für diesen Gutschein keinen Wert, daher kann nichts abgezogen werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <source>Check the voucher in bookingkit&apos;s admin pages.</source>
        <translation>Den Gutschein in der Verwaltung von bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This voucher was cancelled in bookingkit.</source>
        <translation>Dieser Gutschein wurde in bookingkit storniert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This voucher expired on {day}.</source>
        <translation>Dieser Gutschein ist am {day} abgelaufen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Other currency</source>
        <translation>Andere Währung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This voucher is in {voucher}; this counter sells in {counter}.</source>
        <translation>Dieser Gutschein ist in {voucher}; diese Kasse verkauft in {counter}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Status not known</source>
        <translation>Status unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bookingkit marks this voucher as “{status}”, which VoucherDesk does not redeem.</source>
        <translation>bookingkit führt diesen Gutschein als „{status}“; so einen löst VoucherDesk nicht ein.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>bookingkit has no voucher, ticket or pass with this code.</source>
        <translation>bookingkit hat keinen Gutschein, kein Ticket und keine Mehrfachkarte mit diesem Code.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The scan is {length} characters long; a voucher code has at most {most}.</source>
        <translation>Der Scan ist {length} Zeichen lang; ein Gutscheincode hat höchstens {most}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No code in this link</source>
        <translation>Kein Code in diesem Link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan is a web link, but the voucher code is not where the scanner settings look for it.</source>
        <translation>Gescannt wurde ein Weblink, aber der Gutscheincode steht nicht dort, wo die Scanner-Einstellungen ihn suchen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the code printed on the voucher, or set where links carry the code (Settings, QR codes and links).</source>
        <translation>Den auf dem Gutschein gedruckten Code eintippen oder einstellen, wo Links den Code tragen (Einstellungen, QR-Codes und Links).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The scan is a link or data of another kind (an e-mail address, a phone number, Wi-Fi access), not a voucher.</source>
        <translation>Gescannt wurde ein Link oder Daten anderer Art (eine E-Mail-Adresse, eine Telefonnummer, ein WLAN-Zugang), kein Gutschein.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Bookings for this date close {minutes} minutes before the start.</source>
        <translation>Buchungen für diesen Termin schließen {minutes} Minuten vor Beginn.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only {free} places are free for {wanted} participants.</source>
        <translation>Nur {free} Plätze frei für {wanted} Teilnehmende.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{price} costs {price_currency}; the voucher is in {currency}.</source>
        <translation>{price} kostet in {price_currency}; der Gutschein ist in {currency}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{product} goes only with other price categories.</source>
        <translation>{product} gibt es nur zu anderen Preiskategorien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This add-on is not offered with this experience.</source>
        <translation>Diese Zusatzleistung gibt es zu diesem Erlebnis nicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only {available} of {product} are left, not {wanted}.</source>
        <translation>Von {product} sind nur noch {available} übrig, nicht {wanted}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The name needs at least {count} characters, or leave it empty.</source>
        <translation>Der Name braucht mindestens {count} Zeichen, oder das Feld bleibt leer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not an e-mail address. Correct it or leave it empty.</source>
        <translation>Das ist keine E-Mail-Adresse. Bitte korrigieren oder leer lassen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are more answers ({answers}) than participants ({participants}).</source>
        <translation>Es gibt mehr Antworten ({answers}) als Teilnehmer ({participants}).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>cash</source>
        <translation>bar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>card or other payment</source>
        <translation>Karte oder andere Zahlart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mobile app</source>
        <translation>Mobile App</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Unknown code</source>
        <translation>Unbekannter Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the code for typing errors or scan it again.</source>
        <translation>Code auf Tippfehler prüfen oder erneut scannen.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Nothing was scanned.</source>
        <translation>Es wurde nichts gescannt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The scan contains control characters; check the scanner&apos;s settings.</source>
        <translation>Der Scan enthält Steuerzeichen; die Einstellungen des Scanners prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scan contains characters no voucher code has.</source>
        <translation>Der Scan enthält Zeichen, die in keinem Gutscheincode vorkommen.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not a voucher code</source>
        <translation>Kein Gutscheincode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan again, or type the code.</source>
        <translation>Erneut scannen oder den Code eintippen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This date has already started.</source>
        <translation>Dieser Termin hat schon begonnen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This date is fully booked. Pick another date.</source>
        <translation>Dieser Termin ist ausgebucht. Einen anderen Termin wählen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose at least one participant.</source>
        <translation>Mindestens einen Teilnehmer wählen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This experience has no such price category.</source>
        <translation>Dieses Erlebnis hat diese Preiskategorie nicht.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This voucher cannot be used.</source>
        <translation>Dieser Gutschein kann nicht eingelöst werden.</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/wording/results.py" line="+202"/>
        <source>Booked — top-up not confirmed</source>
        <translation>Gebucht — Zuzahlung nicht bestätigt</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>{quoted} was to be drawn from the voucher; bookingkit&apos;s order shows {drawn}. The voucher now holds {left}.</source>
        <translation>{quoted} sollten vom Gutschein abgezogen werden; die Buchung in bookingkit zeigt {drawn}. Auf dem Gutschein sind jetzt {left}.</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>Not booked — order cancelled</source>
        <translation>Nicht gebucht — Bestellung storniert</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Check the voucher&apos;s balance in bookingkit before booking again.</source>
        <translation>Vor einer neuen Buchung den Restwert des Gutscheins in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="-334"/>
        <source>Booked — top-up due</source>
        <translation>Gebucht — Zuzahlung fällig</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>{price} is no longer offered.</source>
        <translation>{price} wird nicht mehr angeboten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{price}: {quoted} before, {now} now.</source>
        <translation>{price}: vorher {quoted}, jetzt {now}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Collect {amount} ({method}), then hand over the booking code.</source>
        <translation>{amount} kassieren ({method}), dann den Buchungscode übergeben.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+8"/>
        <location line="+6"/>
        <source>Hand over the booking code.</source>
        <translation>Den Buchungscode aushändigen.</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>bookingkit redeemed the ticket (order {order}), but its booking code could not be read yet. VoucherDesk reads it at the next check.</source>
        <translation>bookingkit hat das Ticket eingelöst (Bestellung {order}), aber der Buchungscode konnte noch nicht gelesen werden. VoucherDesk liest ihn bei der nächsten Prüfung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bookingkit redeemed the ticket but did not say which booking it made.</source>
        <translation>bookingkit hat das Ticket eingelöst, aber nicht gesagt, welche Buchung dabei entstand.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ticket redeemed — booking code not known</source>
        <translation>Ticket eingelöst — Buchungscode unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer may go to the tour. Do not redeem again; the booking is in bookingkit under the ticket&apos;s code.</source>
        <translation>Der Kunde kann zur Tour. Nicht erneut einlösen; die Buchung steht in bookingkit unter dem Code des Tickets.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Needs attention — pass used differently</source>
        <translation>Prüfen — Mehrfachkarte anders belastet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{quoted} were to be used of the pass; bookingkit&apos;s booking shows {used}. The pass now holds {left}.</source>
        <translation>Von der Mehrfachkarte sollten {quoted} verbraucht werden; die Buchung in bookingkit zeigt {used}. Die Karte hat jetzt {left}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Ticket redeemed</source>
        <translation>Ticket eingelöst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked with the pass</source>
        <translation>Mit Mehrfachkarte gebucht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Booked — top-up taken</source>
        <translation>Gebucht — Zuzahlung erhalten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Booked — top-up not recorded</source>
        <translation>Gebucht — Zuzahlung nicht erfasst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bookingkit did not record the top-up: {message}</source>
        <translation>bookingkit hat die Zuzahlung nicht erfasst: {message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Collect {amount} and record the payment in bookingkit by hand.</source>
        <translation>{amount} kassieren und die Zahlung in bookingkit von Hand erfassen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Collect {amount}.</source>
        <translation>{amount} kassieren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Booked — not recorded on this computer</source>
        <translation>Gebucht — auf diesem Rechner nicht vermerkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The booking went through, but this computer could not write it to its journal. VoucherDesk checks it again when the journal works.</source>
        <translation>Die Buchung ist durchgegangen, aber dieser Rechner konnte sie nicht ins Journal schreiben. VoucherDesk prüft sie erneut, sobald das Journal wieder geht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hand over the booking code and note it down.</source>
        <translation>Den Buchungscode übergeben und notieren.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The booking went through. Whether bookingkit recorded the top-up of {amount} is not known yet.</source>
        <translation>Die Buchung ist durchgegangen. Ob bookingkit die Zuzahlung von {amount} erfasst hat, ist noch nicht bekannt.</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Collect {amount} and hand over the booking code. Do not book again.</source>
        <translation>{amount} kassieren und den Buchungscode übergeben. Nicht noch einmal buchen.</translation>
    </message>
    <message>
        <location line="+195"/>
        <source>bookingkit could not be asked whether the booking was made ({problem}).</source>
        <translation>bookingkit konnte nicht gefragt werden, ob die Buchung zustande kam ({problem}).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Earlier booking still open</source>
        <translation>Frühere Buchung noch offen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An earlier redemption of this voucher has no known outcome yet, so nothing was sent now.</source>
        <translation>Eine frühere Einlösung dieses Gutscheins hat noch kein bekanntes Ergebnis, deshalb wurde jetzt nichts gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An earlier redemption of this ticket has no known outcome yet, so nothing was sent now.</source>
        <translation>Eine frühere Einlösung dieses Tickets hat noch kein bekanntes Ergebnis, deshalb wurde jetzt nichts gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An earlier booking with this pass has no known outcome yet, so nothing was sent now.</source>
        <translation>Eine frühere Buchung mit dieser Mehrfachkarte hat noch kein bekanntes Ergebnis, deshalb wurde jetzt nichts gesendet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Needs attention — several orders</source>
        <translation>Prüfen — mehrere Buchungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bookingkit holds {count} orders for this one redemption ({codes}); the voucher may have been drawn more than once.</source>
        <translation>bookingkit hat {count} Buchungen für diese eine Einlösung ({codes}); der Gutschein wurde womöglich mehrfach belastet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel all but one of these orders in bookingkit, then check again.</source>
        <translation>Alle bis auf eine dieser Buchungen in bookingkit stornieren, dann erneut prüfen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Needs attention — ticket redeemed differently</source>
        <translation>Prüfen — Ticket anders eingelöst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit shows this ticket&apos;s redemption otherwise than the counter showed it.</source>
        <translation>bookingkit zeigt die Einlösung dieses Tickets anders, als die Kasse sie angezeigt hat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the ticket and its booking in bookingkit.</source>
        <translation>Das Ticket und seine Buchung in bookingkit prüfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Needs attention — voucher drawn differently</source>
        <translation>Prüfen — Gutschein anders belastet</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+188"/>
        <source>Check this booking in bookingkit. Real redemptions stay stopped until someone with the counter&apos;s PIN acknowledges it.</source>
        <translation>Diese Buchung in bookingkit prüfen. Echte Einlösungen bleiben gesperrt, bis jemand mit der PIN der Kasse das bestätigt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Redemptions stopped</source>
        <translation>Einlösungen gesperrt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Booking {code} drew otherwise from its voucher than quoted. Nothing was sent now.</source>
        <translation>Buchung {code} hat ihren Gutschein anders belastet als angeboten. Jetzt wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Someone with the counter&apos;s PIN checks that booking in bookingkit and acknowledges it in the history; then redeem again.</source>
        <translation>Jemand mit der PIN der Kasse prüft diese Buchung in bookingkit und bestätigt sie im Verlauf; dann erneut einlösen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Price changed</source>
        <translation>Preis geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was booked.</source>
        <translation>Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the customer the new price and confirm again.</source>
        <translation>Dem Kunden den neuen Preis zeigen und erneut bestätigen.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Voucher balance changed</source>
        <translation>Gutscheinwert geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The voucher now holds {now} instead of {before} (it was used elsewhere meanwhile). Nothing was booked.</source>
        <translation>Der Gutschein hat jetzt {now} statt {before} (er wurde inzwischen anderswo benutzt). Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+15"/>
        <source>Show the customer the new quote and confirm again.</source>
        <translation>Dem Kunden das neue Angebot zeigen und erneut bestätigen.</translation>
    </message>
    <message>
        <location line="-328"/>
        <source>Hand over the booking code. Do not book again.</source>
        <translation>Buchungscode übergeben. Nicht noch einmal buchen.</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Record the payment of {amount} in bookingkit by hand.</source>
        <translation>Die Zahlung von {amount} in bookingkit von Hand erfassen.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Booked — top-up pending</source>
        <translation>Gebucht — Zuzahlung ausstehend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The booking went through. bookingkit has not recorded the top-up of {amount} yet; VoucherDesk records it at the next check.</source>
        <translation>Die Buchung ist durchgegangen. bookingkit hat die Zuzahlung von {amount} noch nicht erfasst; VoucherDesk erfasst sie bei der nächsten Prüfung.</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>Pass entries changed</source>
        <translation>Eintritte der Karte geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pass now holds {now} instead of {before} (it was used elsewhere meanwhile). Nothing was booked.</source>
        <translation>Die Mehrfachkarte hat jetzt {now} statt {before} (sie wurde inzwischen anderswo verwendet). Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The voucher or its prices could not be read again ({problem}). Nothing was sent to bookingkit.</source>
        <translation>Der Gutschein oder seine Preise konnten nicht erneut gelesen werden ({problem}). An bookingkit wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ticket could not be read again ({problem}). Nothing was sent to bookingkit.</source>
        <translation>Das Ticket konnte nicht erneut gelesen werden ({problem}). An bookingkit wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The pass could not be read again ({problem}). Nothing was sent to bookingkit.</source>
        <translation>Die Mehrfachkarte konnte nicht erneut gelesen werden ({problem}). An bookingkit wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Try again in a moment.</source>
        <translation>Gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not booked — {verdict}</source>
        <translation>Nicht gebucht — {verdict}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was sent.</source>
        <translation>Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>bookingkit refused the booking: {message} Nothing was drawn from the voucher.</source>
        <translation>bookingkit hat die Buchung abgelehnt: {message} Vom Gutschein wurde nichts abgezogen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bookingkit refused the redemption: {message} The ticket was not redeemed.</source>
        <translation>bookingkit hat die Einlösung abgelehnt: {message} Das Ticket wurde nicht eingelöst.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bookingkit refused the booking: {message} No entries of the pass were used.</source>
        <translation>bookingkit hat die Buchung abgelehnt: {message} Von der Mehrfachkarte wurde nichts verbraucht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change the booking, or ask for another way to pay.</source>
        <translation>Die Buchung ändern oder nach einer anderen Zahlart fragen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The redemption was interrupted before it was sent. Nothing was booked.</source>
        <translation>Die Einlösung wurde vor dem Senden unterbrochen. Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+22"/>
        <source>Book again if the customer is still here.</source>
        <translation>Erneut buchen, wenn der Kunde noch da ist.</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>bookingkit did not answer, and it holds no order for this redemption: nothing was booked and nothing was drawn from the voucher.</source>
        <translation>bookingkit hat nicht geantwortet und hat keine Buchung für diese Einlösung: Es wurde nichts gebucht und nichts vom Gutschein abgezogen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bookingkit did not answer, and the ticket is still open: it was not redeemed.</source>
        <translation>bookingkit hat nicht geantwortet, und das Ticket ist noch offen: Es wurde nicht eingelöst.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bookingkit did not answer, and it holds no order for this booking: nothing was booked and no entries of the pass were used.</source>
        <translation>bookingkit hat nicht geantwortet und hat keine Bestellung für diese Buchung: Es wurde nichts gebucht und von der Mehrfachkarte nichts verbraucht.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>bookingkit holds an order for this redemption ({codes}), but it was cancelled there. The voucher may have been drawn.</source>
        <translation>bookingkit hat eine Buchung für diese Einlösung ({codes}), sie wurde dort aber storniert. Der Gutschein wurde womöglich belastet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bookingkit holds an order for this redemption ({codes}), but it was cancelled there. The ticket may be used up all the same.</source>
        <translation>bookingkit hat eine Bestellung für diese Einlösung ({codes}), sie wurde dort aber storniert. Das Ticket kann trotzdem verbraucht sein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bookingkit holds an order for this booking ({codes}), but it was cancelled there. Entries of the pass may have been used.</source>
        <translation>bookingkit hat eine Bestellung für diese Buchung ({codes}), sie wurde dort aber storniert. Eintritte der Mehrfachkarte können verbraucht sein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Check the ticket in bookingkit before redeeming again.</source>
        <translation>Das Ticket in bookingkit prüfen, bevor erneut eingelöst wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the pass&apos;s entries in bookingkit before booking again.</source>
        <translation>Die Eintritte der Mehrfachkarte in bookingkit prüfen, bevor erneut gebucht wird.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You stopped waiting for bookingkit&apos;s answer. The booking may or may not have been made; VoucherDesk sends nothing again.</source>
        <translation>Sie warten nicht mehr auf die Antwort von bookingkit. Die Buchung kann gemacht worden sein oder nicht; VoucherDesk sendet nichts erneut.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>to collect ({method})</source>
        <translation>zu kassieren ({method})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the money, then confirm it with Enter. Then hand over the booking code.</source>
        <translation>Geld nehmen und mit Enter bestätigen. Dann den Buchungscode aushändigen.</translation>
    </message>
    <message>
        <location line="-145"/>
        <location line="+61"/>
        <location line="+9"/>
        <source>Not booked</source>
        <translation>Nicht gebucht</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/wording/errors.py" line="+22"/>
        <location filename="../../voucherdesk/ui/wording/results.py" line="-216"/>
        <location line="+9"/>
        <location line="+268"/>
        <source>Outcome unknown</source>
        <translation>Ergebnis unklar</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../voucherdesk/ui/wording/results.py" line="-276"/>
        <source>The booking was sent but no answer came back. It may or may not have been made.</source>
        <translation>Die Buchung wurde gesendet, aber es kam keine Antwort. Sie ist vielleicht zustande gekommen, vielleicht nicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../voucherdesk/ui/wording/results.py" line="-196"/>
        <source>Do not book again. Use “Check again” until the outcome is known.</source>
        <translation>Nicht noch einmal buchen. „Erneut prüfen“ nutzen, bis das Ergebnis feststeht.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Certificate refused</source>
        <translation>Zertifikat abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s security certificate was refused, so nothing was sent to it.</source>
        <translation>Das Sicherheitszertifikat des Servers wurde abgelehnt, deshalb wurde nichts an ihn gesendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the bookingkit address in the settings; a network that intercepts secure connections can also cause this.</source>
        <translation>Die bookingkit-Adresse in den Einstellungen prüfen; auch ein Netz, das sichere Verbindungen abfängt, kann die Ursache sein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No answer in time</source>
        <translation>Keine Antwort rechtzeitig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit did not answer in time. Nothing was booked.</source>
        <translation>bookingkit hat nicht rechtzeitig geantwortet. Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit cannot be reached. Nothing was booked.</source>
        <translation>bookingkit ist nicht erreichbar. Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the network connection, then scan again.</source>
        <translation>Netzwerkverbindung prüfen, dann erneut scannen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Monthly quota used up</source>
        <translation>Monatskontingent aufgebraucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit accepts no more requests from this vendor this month.</source>
        <translation>bookingkit nimmt diesen Monat keine Anfragen dieses Anbieters mehr an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask bookingkit support to raise the quota.</source>
        <translation>Den bookingkit-Support bitten, das Kontingent zu erhöhen.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Access in use elsewhere</source>
        <translation>Zugang woanders in Gebrauch</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Another program uses the same bookingkit API client right now.</source>
        <translation>Ein anderes Programm nutzt gerade denselben bookingkit-API-Client.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Give each counter its own API client, or wait up to an hour.</source>
        <translation>Jeder Kasse einen eigenen API-Client geben oder bis zu einer Stunde warten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit asks us to slow down.</source>
        <translation>bookingkit bittet um weniger Anfragen.</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+38"/>
        <source>Wait a moment, then scan again.</source>
        <translation>Einen Moment warten, dann erneut scannen.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Another program uses the same bookingkit API client; its access runs out by {time} at the latest.</source>
        <translation>Ein anderes Programm nutzt denselben bookingkit-API-Client; sein Zugang läuft spätestens {time} ab.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Access refused</source>
        <translation>Zugang abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit refused the stored credentials.</source>
        <translation>bookingkit hat die gespeicherten Zugangsdaten abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the setup again with a valid client id and secret.</source>
        <translation>Die Einrichtung mit gültiger Client-ID und gültigem Secret erneut durchführen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit does not know this item (any more).</source>
        <translation>bookingkit kennt diesen Eintrag (nicht mehr).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan again; if it keeps happening, check bookingkit&apos;s admin pages.</source>
        <translation>Erneut scannen; wenn es wieder passiert, in der bookingkit-Verwaltung nachsehen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../voucherdesk/ui/wording/results.py" line="+377"/>
        <source>Refused by bookingkit</source>
        <translation>Von bookingkit abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct the booking or ask for help.</source>
        <translation>Die Buchung korrigieren oder um Hilfe bitten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bookingkit has a problem</source>
        <translation>bookingkit hat ein Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit answered with a server error.</source>
        <translation>bookingkit hat mit einem Serverfehler geantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait a moment, then try again.</source>
        <translation>Einen Moment warten, dann erneut versuchen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected redirect</source>
        <translation>Unerwartete Weiterleitung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address answered with a redirect (HTTP {status}), which VoucherDesk never follows. Nothing was sent there.</source>
        <translation>Die Adresse hat mit einer Weiterleitung geantwortet (HTTP {status}), der VoucherDesk nie folgt. Dorthin wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Check the bookingkit address in the settings.</source>
        <translation>Die bookingkit-Adresse in den Einstellungen prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answer too large</source>
        <translation>Antwort zu groß</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit sent more than this program accepts; it stopped reading.</source>
        <translation>bookingkit hat mehr gesendet, als dieses Programm annimmt; das Lesen wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unreadable answer</source>
        <translation>Unlesbare Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bookingkit sent an answer this program cannot read.</source>
        <translation>bookingkit hat eine Antwort gesendet, die dieses Programm nicht lesen kann.</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <location line="+16"/>
        <source>Try again; if it keeps happening, contact support.</source>
        <translation>Erneut versuchen; wenn es wieder passiert, den Support kontaktieren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Journal unavailable</source>
        <translation>Journal nicht verfügbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The redemption journal on this computer cannot be written, so nothing is sent to bookingkit.</source>
        <translation>Das Einlösejournal auf diesem Computer kann nicht geschrieben werden, daher wird nichts an bookingkit gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check free disk space, then restart VoucherDesk.</source>
        <translation>Freien Speicherplatz prüfen und VoucherDesk neu starten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Journal in use</source>
        <translation>Journal in Benutzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another VoucherDesk on this computer is working on the redemption journal, so this one does not write to it.</source>
        <translation>Ein anderes VoucherDesk auf diesem Rechner arbeitet mit dem Einlösejournal, deshalb schreibt dieses nicht hinein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use the open VoucherDesk window, or close it and try again here.</source>
        <translation>Das offene VoucherDesk-Fenster benutzen, oder es schließen und es hier erneut versuchen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Journal cannot be opened</source>
        <translation>Journal lässt sich nicht öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The redemption journal {path} cannot be opened. Is another VoucherDesk running on this computer?</source>
        <translation>Das Einlösejournal {path} lässt sich nicht öffnen. Läuft auf diesem Rechner ein anderes VoucherDesk?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close the other VoucherDesk, or check the file&apos;s permissions.</source>
        <translation>Das andere VoucherDesk schließen oder die Zugriffsrechte der Datei prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Journal damaged</source>
        <translation>Journal beschädigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The redemption journal {path} cannot be read. It was left exactly as it is, because it may record redemptions whose outcome is still open.</source>
        <translation>Das Einlösejournal {path} lässt sich nicht lesen. Es wurde genau so belassen, weil es Einlösungen mit noch offenem Ergebnis enthalten kann.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move it aside only after checking recent orders in bookingkit, then start again.</source>
        <translation>Erst die letzten Buchungen in bookingkit prüfen, dann die Datei beiseitelegen und neu starten.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>No OS keyring</source>
        <translation>Kein Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bookingkit access data cannot be read from the OS keyring.</source>
        <translation>Die bookingkit-Zugangsdaten können nicht aus dem Schlüsselbund gelesen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock or start the keyring (see Setup), then try again.</source>
        <translation>Schlüsselbund entsperren oder starten (siehe Einrichtung), dann erneut versuchen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An unexpected error stopped this step: {name}</source>
        <translation>Ein unerwarteter Fehler hat diesen Schritt gestoppt: {name}</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/wording/voucher.py" line="+39"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>inactive (used up)</source>
        <translation>inaktiv (eingelöst)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/wording/camera.py" line="+15"/>
        <source>Camera off</source>
        <translation>Kamera aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn it on in the Counter menu to scan with the camera.</source>
        <translation>Im Menü Kasse einschalten, um mit der Kamera zu scannen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting the camera…</source>
        <translation>Kamera startet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold the code in front of the camera</source>
        <translation>Den Code vor die Kamera halten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No camera found</source>
        <translation>Keine Kamera gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This computer shows no camera VoucherDesk can use.</source>
        <translation>Dieser Computer meldet keine Kamera, die VoucherDesk nutzen kann.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect a camera, or scan or type the code as usual.</source>
        <translation>Eine Kamera anschließen, oder den Code wie gewohnt scannen oder eintippen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Camera not allowed</source>
        <translation>Kamera nicht erlaubt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operating system does not let VoucherDesk use the camera.</source>
        <translation>Das Betriebssystem erlaubt VoucherDesk nicht, die Kamera zu nutzen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allow camera access for VoucherDesk in the system&apos;s privacy settings.</source>
        <translation>Den Kamerazugriff für VoucherDesk in den Datenschutz-Einstellungen des Systems erlauben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The camera does not work</source>
        <translation>Die Kamera funktioniert nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The camera reported a problem; another program may be using it.</source>
        <translation>Die Kamera meldet ein Problem; vielleicht nutzt ein anderes Programm sie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close other programs that use the camera, check that the system&apos;s privacy settings allow desktop apps to use it, then turn it on again.</source>
        <translation>Andere Programme schließen, die die Kamera nutzen, in den Datenschutz-Einstellungen des Systems prüfen, dass Desktop-Apps sie nutzen dürfen, und sie dann wieder einschalten.</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/wording/payload.py" line="+19"/>
        <source>the whole scan</source>
        <translation>dem ganzen Scan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the link&apos;s “{name}” parameter</source>
        <translation>dem Parameter „{name}“ des Links</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last part of the link</source>
        <translation>dem letzten Teil des Links</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the pattern&apos;s group</source>
        <translation>der Gruppe des Musters</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter a pattern.</source>
        <translation>Ein Muster eingeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A pattern has at most {most} characters.</source>
        <translation>Ein Muster hat höchstens {most} Zeichen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a valid pattern (Python regular expression).</source>
        <translation>Das ist kein gültiges Muster (regulärer Ausdruck von Python).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pattern needs exactly one group in round brackets around the code; it has {count}. Write other brackets as (?:…).</source>
        <translation>Das Muster braucht genau eine Gruppe in runden Klammern um den Code; es hat {count}. Andere Klammern als (?:…) schreiben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Back-references (\1, (?P=name)) are not allowed.</source>
        <translation>Rückverweise (\1, (?P=name)) sind nicht erlaubt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A repeat inside a repeat, such as (\w+)+, can take forever on some scans; write it with one repeat.</source>
        <translation>Eine Wiederholung in einer Wiederholung wie (\w+)+ kann bei manchen Scans endlos dauern; mit einer Wiederholung schreiben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Alternatives inside a repeat, such as (?:ab|a)+, can take forever on some scans.</source>
        <translation>Alternativen in einer Wiederholung wie (?:ab|a)+ können bei manchen Scans endlos dauern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Too many open-ended repeats (*, +): use at most two, and fixed text between them.</source>
        <translation>Zu viele offene Wiederholungen (*, +): höchstens zwei verwenden, mit festem Text dazwischen.</translation>
    </message>
    <message>
        <location filename="../../voucherdesk/ui/wording/counter.py" line="+21"/>
        <source>Checking open redemptions…</source>
        <translation>Offene Einlösungen werden geprüft…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Earlier redemptions still unknown: {count}. See History before booking again.</source>
        <translation>Frühere Einlösungen noch ungeklärt: {count}. Vor erneutem Buchen im Verlauf nachsehen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open redemptions settled: {count}.</source>
        <translation>Offene Einlösungen geklärt: {count}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open redemptions not checked: {problem}</source>
        <translation>Offene Einlösungen nicht geprüft: {problem}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Locked — enter the PIN first</source>
        <translation>Gesperrt — erst die PIN eingeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan received: checked in a moment.</source>
        <translation>Scan erhalten: wird gleich geprüft.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{code} is already open: its booking stays as it is.</source>
        <translation>{code} ist schon offen: Die Buchung bleibt, wie sie ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Booking for {code} dropped: nothing booked.</source>
        <translation>Buchung für {code} verworfen: nichts gebucht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Confirm the top-up first: collect {amount}, then scan again.</source>
        <translation>Erst die Zuzahlung bestätigen: {amount} kassieren, dann erneut scannen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Still booking for the previous customer: scan again when its result shows.</source>
        <translation>Die Buchung für den vorigen Kunden läuft noch: bitte erneut scannen, sobald das Ergebnis angezeigt wird.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Confirm the top-up first (Enter): collect {amount}.</source>
        <translation>Erst die Zuzahlung bestätigen (Enter): {amount} kassieren.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not booked: too soon after a typed key. Confirm again.</source>
        <translation>Nicht gebucht: zu kurz nach einer getippten Taste. Erneut bestätigen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed: too soon after a typed key. Confirm again.</source>
        <translation>Nicht bestätigt: zu kurz nach einer getippten Taste. Erneut bestätigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not booked: a key held down does not book. Let go, then confirm again.</source>
        <translation>Nicht gebucht: Eine gedrückt gehaltene Taste bucht nicht. Loslassen, dann erneut bestätigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not confirmed: a key held down does not confirm. Let go, then confirm again.</source>
        <translation>Nicht bestätigt: Eine gedrückt gehaltene Taste bestätigt nicht. Loslassen, dann erneut bestätigen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not booked: this booking had just appeared or changed. Check it, then confirm.</source>
        <translation>Nicht gebucht: Diese Buchung ist gerade erst erschienen oder hat sich geändert. Bitte prüfen, dann bestätigen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not confirmed: the top-up had only just appeared. Collect it, then confirm.</source>
        <translation>Nicht bestätigt: Die Zuzahlung war gerade erst erschienen. Erst kassieren, dann bestätigen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Earlier booking: {result}</source>
        <translation>Vorherige Buchung: {result}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The date you picked is no longer bookable. Pick another.</source>
        <translation>Der gewählte Termin ist nicht mehr buchbar. Bitte einen anderen wählen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Booking {code} cancelled: do not collect the top-up of {amount}.</source>
        <translation>Buchung {code} storniert: Die Zuzahlung von {amount} nicht kassieren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Booking {code} cancelled: pay the top-up of {amount} back to the customer.</source>
        <translation>Buchung {code} storniert: Die Zuzahlung von {amount} dem Kunden zurückzahlen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing booked for {code}: scan it again once this top-up is done.</source>
        <translation>Für {code} nichts gebucht: nach dieser Zuzahlung erneut scannen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The top-up of booking {code} was not noted as taken when VoucherDesk last ran. If the customer has paid it, confirm it now.</source>
        <translation>Die Zuzahlung der Buchung {code} war beim letzten Lauf von VoucherDesk nicht als eingenommen vermerkt. Hat der Kunde sie bezahlt, bestätigen Sie sie jetzt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Top-up of {amount} for booking {code} left unpaid: the shift report lists it.</source>
        <translation>Zuzahlung von {amount} für Buchung {code} unbezahlt gelassen: Der Schichtbericht führt sie auf.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Top-up of {amount} taken, but this PC could not note it ({reason}). Write it down for the shift report.</source>
        <translation>Zuzahlung von {amount} eingenommen, aber dieser PC konnte sie nicht vermerken ({reason}). Bitte für den Schichtbericht notieren.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Still to collect: {amounts}. bookingkit counts it as paid; the next start asks for it again. Close VoucherDesk anyway?</source>
        <translation>Noch zu kassieren: {amounts}. bookingkit führt sie als bezahlt; beim nächsten Start wird erneut danach gefragt. VoucherDesk trotzdem schließen?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Still unknown. Try again in a moment.</source>
        <translation>Noch ungeklärt. Gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Acknowledged: real redemptions go on.</source>
        <translation>Bestätigt: Echte Einlösungen gehen weiter.</translation>
    </message>
</context>
</TS>
