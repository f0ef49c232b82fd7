"""Concurrent registration load, shared by the PostgreSQL test (threads inside pytest) and the
SQLite test (a subprocess on a file database, see ``sqlite_load.py``).

Every attempt runs in its own thread with its own database connection; a start gate releases
them together so that they really compete for the seats."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.db import connections
from django.utils import timezone

from samordna.core.errors import ApplicationError
from samordna.events import services
from samordna.events.models import Event, Registration


def _run_all(jobs, *, workers: int) -> list[str]:
    """Run the callables concurrently; each returns an outcome label (or the error's class)."""
    gate = threading.Event()

    def run(job):
        gate.wait()
        try:
            return job()
        except ApplicationError as exc:
            return type(exc).__name__
        except Exception as exc:  # noqa: BLE001 - any other error is a failure we report
            return f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        gate.set()
        return [future.result() for future in futures]


def _register(event_id: int, i: int, prefix: str):
    def job():
        registration = services.registration_create(
            event_id=event_id, name=f"Deltagare {prefix}{i}", email=f"{prefix}{i}@example.se"
        )
        return registration.status

    return job


def _cancel(registration_id: int):
    def job():
        return "cancelled:" + services.registration_cancel(registration_id=registration_id).status

    return job


def make_event(county, *, capacity: int, title: str, deadline_passed: bool = False) -> Event:
    start = timezone.now() + timedelta(days=10)
    event = services.event_create(
        actor=None,
        county=county,
        title=title,
        type=Event.Type.TRAINING,
        format=Event.Format.IN_PERSON,
        start=start,
        end=start + timedelta(hours=3),
        capacity=capacity,
        published=True,
        registration_deadline=start - timedelta(days=1),
    )
    if deadline_passed:
        # Test set-up only: move the deadline into the past without the service's checks.
        Event.objects.filter(pk=event.pk).update(
            registration_deadline=timezone.now() - timedelta(minutes=5)
        )
    return event


def burst(county, *, attempts: int = 200, seats: int = 50, workers: int = 50) -> dict:
    """``attempts`` people register for ``seats`` seats at the same moment."""
    event = make_event(county, capacity=seats, title="Burst")
    outcomes = _run_all([_register(event.pk, i, "burst") for i in range(attempts)], workers=workers)
    rows = Registration.objects.filter(event=event)
    return {
        "outcomes": dict(Counter(outcomes)),
        "confirmed": rows.filter(status=Registration.Status.CONFIRMED).count(),
        "waitlisted": rows.filter(status=Registration.Status.WAITLISTED).count(),
        "rows": rows.count(),
        "distinct_emails": rows.values("email").distinct().count(),
    }


def mixed(county, *, workers: int = 40) -> dict:
    """Cancellations, new registrations and late attempts at the same time.

    20 seats, 20 confirmed and 20 waitlisted beforehand; then concurrently 10 confirmed people
    cancel, 30 new people register and 20 try another event whose deadline has passed."""
    event = make_event(county, capacity=20, title="Mixed")
    late_event = make_event(county, capacity=20, title="Late", deadline_passed=True)
    existing = [
        services.registration_create(
            event_id=event.pk, name=f"Tidig {i}", email=f"early{i}@example.se"
        )
        for i in range(40)
    ]
    confirmed_before = [r for r in existing if r.status == Registration.Status.CONFIRMED]
    waitlisted_before = [r for r in existing if r.status == Registration.Status.WAITLISTED]
    cancels = [_cancel(r.pk) for r in confirmed_before[:10]]
    news = [_register(event.pk, i, "new") for i in range(30)]
    lates = [_register(late_event.pk, i, "late") for i in range(20)]
    # Interleave the three kinds so that they really overlap.
    jobs = []
    for i in range(30):
        jobs.append(news[i])
        if i < len(cancels):
            jobs.append(cancels[i])
        if i < len(lates):
            jobs.append(lates[i])
    outcomes = _run_all(jobs, workers=workers)
    rows = Registration.objects.filter(event=event)
    statuses = dict(rows.values_list("pk", "status"))
    promoted = [r.pk for r in waitlisted_before if statuses[r.pk] == "confirmed"]
    return {
        "outcomes": dict(Counter(outcomes)),
        "confirmed": rows.filter(status=Registration.Status.CONFIRMED).count(),
        "waitlisted": rows.filter(status=Registration.Status.WAITLISTED).count(),
        "cancelled": rows.filter(status=Registration.Status.CANCELLED).count(),
        # The promoted must be exactly the first ten in line.
        "promoted_in_order": promoted == [r.pk for r in waitlisted_before[:10]],
        "promoted": len(promoted),
        "late_rows": Registration.objects.filter(event=late_event).count(),
        "new_confirmed": rows.filter(email__startswith="new", status="confirmed").count(),
        "distinct_emails": rows.exclude(status="cancelled").values("email").distinct().count(),
        "active_rows": rows.exclude(status="cancelled").count(),
    }


def last_seat(county, *, rounds: int = 20) -> dict:
    """Two people take the last seat at the same moment, ``rounds`` times (a fresh event with
    one seat each time): one gets it, the other waits, and the counter says one."""
    results = []
    for round_ in range(rounds):
        event = make_event(county, capacity=1, title=f"Sista platsen {round_}")
        outcomes = _run_all([_register(event.pk, i, f"last{round_}-") for i in range(2)], workers=2)
        event.refresh_from_db()
        results.append(
            {
                "outcomes": sorted(outcomes),
                "confirmed": event.registrations.filter(status="confirmed").count(),
                "seats_taken": event.seats_taken,
            }
        )
    return {
        "rounds": rounds,
        "good_rounds": sum(
            1
            for r in results
            if r["outcomes"] == ["confirmed", "waitlisted"]
            and r["confirmed"] == r["seats_taken"] == 1
        ),
        "bad": [r for r in results if r["outcomes"] != ["confirmed", "waitlisted"]][:3],
    }


def _register_then_cancel(event_id: int, i: int):
    def job():
        registration = services.registration_create(
            event_id=event_id, name=f"Ångrar {i}", email=f"regret{i}@example.se"
        )
        services.registration_cancel(registration_id=registration.pk)
        return "registered-and-cancelled"

    return job


def freeing_while_joining(county, *, workers: int = 30) -> dict:
    """Seats are given back while new people join and others register and cancel at once.

    5 seats, all confirmed and nobody waiting; then concurrently the 5 cancel, 20 new people
    register and 10 more register and cancel again. Afterwards no seat may be free while
    someone waits, and the counter must equal the confirmed rows."""
    event = make_event(county, capacity=5, title="Frigörs")
    holders = [
        services.registration_create(
            event_id=event.pk, name=f"Innehavare {i}", email=f"holder{i}@example.se"
        )
        for i in range(5)
    ]
    jobs = []
    news = [_register(event.pk, i, "joiner") for i in range(20)]
    regrets = [_register_then_cancel(event.pk, i) for i in range(10)]
    for i in range(20):
        jobs.append(news[i])
        if i < 5:
            jobs.append(_cancel(holders[i].pk))
        if i < 10:
            jobs.append(regrets[i])
    outcomes = _run_all(jobs, workers=workers)
    event.refresh_from_db()
    rows = Registration.objects.filter(event=event)
    return {
        "outcomes": dict(Counter(o.split(":")[0] for o in outcomes)),
        "errors": [o for o in outcomes if o.startswith("error")][:3],
        "confirmed": rows.filter(status=Registration.Status.CONFIRMED).count(),
        "waitlisted": rows.filter(status=Registration.Status.WAITLISTED).count(),
        "cancelled": rows.filter(status=Registration.Status.CANCELLED).count(),
        "seats_taken": event.seats_taken,
        "capacity": event.capacity,
    }
