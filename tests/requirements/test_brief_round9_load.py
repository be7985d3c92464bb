"""Round-nine brief mechanisms for traffic shape, spikes and files, on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief_load import load_shapes

from ._brief import values as _values

TRAFFIC = "non_functional.traffic"
SPIKE = "non_functional.spike.multiple"
DURATION = "non_functional.spike.duration_minutes"
FILES = "functional.data.files"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Between 11 and 12 is the heaviest hour, every depot files its returns then.", 60),
        ("The ticket desk is slammed from 5pm to 7pm when the ferries come in.", 120),
        ("The first three hours after the draw bring about six times the usual traffic.", 180),
        ("When a creator goes live it is chaos for like 15 min, easily 12x a quiet evening.", 15),
        # a burst wrapped over two lines of a hard-wrapped email is one clause
        (
            "Registration night is mad, roughly nine\ntimes normal for the two hours after it opens.",
            120,
        ),
    ],
)
def test_a_busy_time_of_minutes_or_hours_is_a_spike_with_its_length(
    text: str, minutes: float
) -> None:
    values = _values(text)
    assert values[TRAFFIC] == "spiky"
    assert values[DURATION] == pytest.approx(minutes)


@pytest.mark.parametrize(
    "text",
    [
        "Demand doubles every December and stays high into January.",
        "In the harvest months (August to October) the orders triple.",
        "Enquiries rise by about 60% during the summer months.",
        "Exam board week is hectic: 8x the traffic the whole week.",
        "Renewals peak every March, typically tripling for three to five weeks.",
    ],
)
def test_a_busy_stretch_of_weeks_or_months_is_seasonal(text: str) -> None:
    values = _values(text)
    assert values[TRAFFIC] == "seasonal"
    assert SPIKE not in values


@pytest.mark.parametrize(
    "text",
    [
        # growth over years is no season, a retention or a recovery is no burst
        "We expect usage to triple within two years.",
        "Booking records are deleted after 48 hours.",
        "The service must be back within four hours of an outage.",
        "Results reach the farmer within one working day.",
    ],
)
def test_growth_a_retention_or_a_recovery_states_no_traffic_shape(text: str) -> None:
    values = _values(text)
    assert TRAFFIC not in values
    assert DURATION not in values


def test_a_spike_multiple_is_read_beside_its_length() -> None:
    shapes = {
        s.field: s.value for s in load_shapes("The first 2 hours after a drop are like 7x avg.")
    }
    assert shapes == {TRAFFIC: "spiky", DURATION: 120, SPIKE: 7}


@pytest.mark.parametrize(
    "text",
    [
        "Each claim needs a photograph of the damaged item.",
        "Signed delivery notes (PDF) are attached to every invoice.",
        "A selfie of the driver is captured at the start of each shift.",
        "Copy of the trade licence is required\nat the time of sign-up, as a JPEG or PNG upload.",
    ],
)
def test_what_the_system_receives_as_files_is_files(text: str) -> None:
    assert _values(text)[FILES] is True


@pytest.mark.parametrize(
    "text",
    [
        "There are no images or attachments, just short text messages.",
        "No scans or photos: staff type the readings in.",
        "Members post text only, no pictures allowed.",
    ],
)
def test_files_said_to_be_absent_are_false(text: str) -> None:
    assert _values(text)[FILES] is False


def test_files_kept_anywhere_outrank_files_ruled_out_elsewhere() -> None:
    text = "No photos of the children. Consent forms are scanned and uploaded by the office."
    assert _values(text)[FILES] is True


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Roughly 3,200 inspectors and surveyors will hold accounts on the new portal.", 3200),
        ("The club has 9k fans on socials but only ~1.4k have actually created a login.", 1400),
        ("About 640 wardens which will have an user, and 90 supervisors.", 640),
        ("We think 12,000 growers will register in the first season.", 12000),
    ],
)
def test_a_count_of_people_who_hold_an_account_is_the_total(text: str, total: int) -> None:
    assert _values(text)["non_functional.users.total"] == total


def test_people_at_the_exact_same_time_are_concurrent() -> None:
    text = "At kick-off maybe 4,000 fans are voting at the exact same time."
    assert _values(text)["non_functional.users.concurrent"] == 4000


@pytest.mark.parametrize(
    "text",
    [
        "Two patients can never have the same appointment slot.",
        "No two drivers may be assigned the same van on a shift.",
        "A kayak can only be rented to one customer at a time.",
        "The shop must never show a size as available when someone has just bought the last one.",
        "Pas de double réservation: one room, one guest.",
    ],
)
def test_one_thing_to_one_holder_is_strong_consistency(text: str) -> None:
    assert _values(text)["non_functional.consistency"] == "strong"


def test_two_people_missing_the_same_meeting_is_no_consistency() -> None:
    assert "non_functional.consistency" not in _values("Two of us can't make the same meeting.")


@pytest.mark.parametrize(
    ("text", "rpo", "rto"),
    [
        (
            "Recovery point objective?  A: 10 minutes.\nRecovery time objective?  A: 3 hours.",
            10,
            180,
        ),
        (
            "Losing a site may cause the loss of no more than 5 minutes of ledger data, and service is"
            " resumed within two hours.",
            5,
            120,
        ),
    ],
)
def test_recovery_objectives_answered_or_said_in_words(text: str, rpo: float, rto: float) -> None:
    values = _values(text)
    assert values["non_functional.rpo_minutes"] == rpo
    assert values["non_functional.rto_minutes"] == rto


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("The exchange forwards up to 1,800 clearing messages a minute at the open.", 30),
        ("About 45 door status changes a second at shift change.", 45),
        ("Weather stations log 72,000 sensor readings an hour.", 20),
        ("We run 40 buses and 10 trams, each sending its position every 5 seconds.", 10),
        ("1,200 meters, each reporting a reading every minute.", 20),
    ],
)
def test_event_rates_in_any_time_frame_or_from_each_sender(text: str, rate: float) -> None:
    assert _values(text)["non_functional.throughput.events_per_second"] == pytest.approx(rate)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("The servers have to be located in Portugal.", ["pt"]),
        ("Tax records are archived, and it all sits on servers in Austria.", ["at"]),
        ("Legal says the ledger data has to be kept inside Chile.", ["cl"]),
        ("The portal must use a Danish hosting provider.", ["dk"]),
        ("Data sovereignty: Estonia.", ["ee"]),
        ("Storage location: within Ghana.", ["gh"]),
    ],
)
def test_a_place_bound_to_what_holds_the_data_is_the_residency(text: str, codes: list[str]) -> None:
    assert _values(text)["non_functional.data_residency"] == codes


@pytest.mark.parametrize(
    "text",
    [
        "Our customers are mostly in Spain and Portugal.",
        "We run Austrian servers today.",
        "We must store data about our clients in Chile.",
        "Our team in Poland needs access to the database.",
    ],
)
def test_a_place_of_people_or_of_todays_servers_is_no_residency(text: str) -> None:
    assert "non_functional.data_residency" not in _values(text)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("The register will be used by all 830 of its parish clerks.", 830),
        ("- 14 dispatchers + 60 drivers use the app", 74),
        ("Twelve planners and 30 fitters will use the portal.", 42),
    ],
)
def test_who_uses_the_system_counted_in_groups_is_the_total(text: str, total: int) -> None:
    assert _values(text)["non_functional.users.total"] == total


@pytest.mark.parametrize(
    "text",
    [
        "There are about 2,400 collections a day.",
        "Roughly 900 inspections every day.",
        "We handle 1,500 bookings each day.",
    ],
)
def test_a_daily_count_of_acts_or_things_is_no_users(text: str) -> None:
    values = _values(text)
    assert "non_functional.users.daily_active" not in values
    assert "non_functional.users.total" not in values


def test_people_who_log_in_every_morning_are_daily() -> None:
    text = "About 1,000 warehouse staff log in every morning."
    assert _values(text)["non_functional.users.daily_active"] == 1000


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors take photos of each defect on site.",
        "Applicants upload their CV and a cover letter.",
        "Audio of every advice call is kept for training.",
        "Tenants report repairs with a picture of the damage.",
    ],
)
def test_media_a_system_handles_are_files(text: str) -> None:
    assert _values(text)[FILES] is True


@pytest.mark.parametrize(
    "text",
    [
        "We deploy the docker image to the cluster every week.",
        "To get the big picture, managers need dashboards.",
        "Turnstile scans peak at about 120 a second.",
    ],
)
def test_images_of_software_pictures_of_speech_and_ticket_scans_are_no_files(text: str) -> None:
    assert _values(text).get(FILES) is not True


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("At any moment about 600 riders have the app open.", 600),
        ("Roughly 2k users active at peak hour.", 2000),
        ("About 80 operators are on shift at a time.", 80),
        ("Maybe 250 people on the site at the busiest minute.", 250),
    ],
)
def test_a_count_at_a_moment_is_concurrent_not_total(text: str, count: int) -> None:
    values = _values(text)
    assert values["non_functional.users.concurrent"] == count
    assert "non_functional.users.total" not in values


@pytest.mark.parametrize(
    "text",
    [
        "Load is flat through the year.",
        "Usage is pretty even across the day.",
        "Demand stays roughly the same every week.",
    ],
)
def test_a_load_said_to_be_even_is_steady(text: str) -> None:
    assert _values(text)[TRAFFIC] == "steady"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Most orders come in around lunchtime, 11:30 to 13:30.", 120),
        ("When the newsletter goes out we get a flood of visitors for 30 minutes.", 30),
        ("Traffic climbs tenfold in the hour before the deadline.", 60),
    ],
)
def test_a_burst_named_by_its_window_or_its_flood_is_a_spike(text: str, minutes: int) -> None:
    values = _values(text)
    assert values[TRAFFIC] == "spiky"
    assert values[DURATION] == minutes


def test_a_season_as_the_subject_of_a_multiple_is_seasonal() -> None:
    assert _values("Summer is 3 times busier than winter.")[TRAFFIC] == "seasonal"


def test_sessions_and_connections_are_people_at_once_not_things() -> None:
    text = "The system shall support no fewer than 1,800 simultaneous sessions."
    assert _values(text)["non_functional.users.concurrent"] == 1800


def test_a_load_steady_except_for_a_season_is_seasonal() -> None:
    text = "Demand is steady all year except the harvest months, when it doubles."
    assert _values(text)[TRAFFIC] == "seasonal"


def test_people_working_together_are_no_count_at_once() -> None:
    assert "non_functional.users.concurrent" not in _values("Inspectors always go out 2 together.")
