from pathlib import Path

from voucherdesk.paths import app_paths
from voucherdesk.settings import Settings, load_settings, save_settings


def test_settings_round_trip_under_the_app_home(app_home: Path) -> None:
    path = app_paths().settings_file
    assert path.is_relative_to(app_home)
    settings = Settings(environment="sandbox", currency="CHF")
    settings.scan.suffix = "#"
    save_settings(settings, path)
    loaded = load_settings(path)
    assert loaded.problem is None
    assert loaded.settings.environment == "sandbox"
    assert loaded.settings.scan.suffix == "#"


def test_damaged_settings_file_is_kept_aside_and_the_setup_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"environment": "nowhere", ', encoding="utf-8")
    loaded = load_settings(path)
    kept = list(tmp_path.glob("settings.json.damaged-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8").startswith('{"environment"')
    assert loaded.problem is not None
    assert loaded.problem.kept_as == kept[0]
    assert loaded.needs_setup
    assert loaded.settings.recovered_from == kept[0].name
    # the mark is saved in the file's place: the next start asks for the setup too
    again = load_settings(path)
    assert again.problem is None
    assert again.needs_setup
    assert again.settings.recovered_from == kept[0].name


def test_settings_file_holds_no_secret_fields() -> None:
    names = set(Settings.model_fields)
    assert not {n for n in names if "secret" in n or "token" in n or "password" in n}


def test_old_fixed_key_interval_gives_way_to_the_learned_gap(tmp_path: Path) -> None:
    """A file from before issue 11 (fixed 35 ms) loads as "not learned yet": keys are then
    held up to the 60 ms ceiling, so a 45 ms scanner is no longer taken for typing."""
    path = tmp_path / "settings.json"
    path.write_text('{"scan": {"max_key_interval_ms": 35, "terminator": "none"}}', "utf-8")
    loaded = load_settings(path)
    assert loaded.problem is None
    assert loaded.settings.scan.key_gap_ms is None
    assert loaded.settings.scan.terminator == "none"


def test_learned_gap_is_kept_and_never_above_the_ceiling(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings()
    settings.scan = settings.scan.model_copy(update={"key_gap_ms": 44.0})
    save_settings(settings, path)
    assert load_settings(path).settings.scan.key_gap_ms == 44.0
    path.write_text('{"scan": {"key_gap_ms": 90}}', "utf-8")
    assert load_settings(path).problem is not None  # not a scanner's pace: defaults instead


def test_every_setting_says_what_a_change_needs() -> None:
    """A new setting must be classified: rebuild the services, restyle, or take over live."""
    from voucherdesk.settings import LIVE_FIELDS, LOOK_FIELDS, SERVICE_FIELDS

    groups = (SERVICE_FIELDS, LOOK_FIELDS, LIVE_FIELDS)
    assert set(Settings.model_fields) == SERVICE_FIELDS | LOOK_FIELDS | LIVE_FIELDS
    assert sum(len(g) for g in groups) == len(Settings.model_fields)  # each in one group only


def test_a_settings_change_knows_what_follows() -> None:
    from voucherdesk.settings import SettingsChange

    before = Settings(environment="sandbox")
    assert not SettingsChange(before, before.model_copy()).reconnect
    language = SettingsChange(before, before.model_copy(update={"language": "de"}))
    assert language.restyle
    assert not language.reconnect
    for field, value in (("order_language", "en"), ("request_timeout_s", 20.0)):
        change = SettingsChange(before, before.model_copy(update={field: value}))
        assert change.reconnect, field  # missed by the old hand-written list
        assert not change.restyle
    live = SettingsChange(
        before, before.model_copy(update={"result_delay_s": 9, "currency": "CHF"})
    )
    assert live.live_part(before).result_delay_s == 9
    assert live.live_part(before).currency == "EUR"  # a demo keeps its own services
