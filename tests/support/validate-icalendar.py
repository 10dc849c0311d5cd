#!/usr/bin/python3
"""
Validates iCalendar files against RFC 5545 with libical (Debian's gir1.2-ical-3.0, through python3-gi),
a parser that shares no code with the ical.js that writes them. libical reads every line, property,
parameter and value by the RFC's grammar and marks each it cannot read with an X-LIC-ERROR; on top of
that come the rules of the RFC that a parser lets pass: lines end in CRLF and are folded at 75 octets
(§3.1), a calendar has one VERSION:2.0 and one PRODID (§3.6), an event one UID, DTSTAMP and DTSTART
(§3.6.1, no METHOD), never both DTEND and DURATION, ends after it starts, every TZID is defined by a
VTIMEZONE in the file (§3.2.19), and a STATUS of an event is one of its three values (§3.8.1.11).

Usage: validate-icalendar.py FILE...   Prints each problem as "FILE: problem"; exits 1 if there are any.
"""
import sys

import gi

gi.require_version('ICalGLib', '3.0')
from gi.repository import ICalGLib as ICal  # noqa: E402

Kind = ICal.ComponentKind
Prop = ICal.PropertyKind


def properties(component, kind=Prop.ANY_PROPERTY):
    found = []
    prop = component.get_first_property(kind)
    while prop is not None:
        found.append(prop)
        prop = component.get_next_property(kind)
    return found


def children(component, kind=Kind.ANY_COMPONENT):
    found = []
    child = component.get_first_component(kind)
    while child is not None:
        found.append(child)
        child = component.get_next_component(kind)
    return found


def walk(component):
    yield component
    for child in children(component):
        yield from walk(child)


def problems_in(raw: bytes):
    problems = []
    text = raw.decode('utf-8')
    lines = text.split('\r\n')
    if not text.endswith('\r\n') or any('\n' in line or '\r' in line for line in lines):
        problems.append('lines must end in CRLF (§3.1)')
    for number, line in enumerate(lines, 1):
        if len(line.encode('utf-8')) > 75:
            problems.append(f'line {number} is longer than 75 octets (§3.1)')
    calendar = ICal.Component.new_from_string(text)
    if calendar is None or calendar.isa() != Kind.VCALENDAR_COMPONENT:
        return problems + ['not a VCALENDAR']
    for component in walk(calendar):
        for error in properties(component, Prop.XLICERROR_PROPERTY):
            problems.append(f'{ICal.Component.kind_to_string(component.isa())}: {error.get_xlicerror()}')
    count = lambda component, kind: len(properties(component, kind))  # noqa: E731
    if count(calendar, Prop.VERSION_PROPERTY) != 1 or properties(calendar, Prop.VERSION_PROPERTY)[0].get_value_as_string() != '2.0':
        problems.append('VCALENDAR must have one VERSION:2.0 (§3.7.4)')
    if count(calendar, Prop.PRODID_PROPERTY) != 1:
        problems.append('VCALENDAR must have one PRODID (§3.7.3)')
    zones = {properties(zone, Prop.TZID_PROPERTY)[0].get_tzid() for zone in children(calendar, Kind.VTIMEZONE_COMPONENT) if properties(zone, Prop.TZID_PROPERTY)}
    events = children(calendar, Kind.VEVENT_COMPONENT)
    for event in events:
        uid = event.get_uid() or '(no UID)'
        for name, kind in (('UID', Prop.UID_PROPERTY), ('DTSTAMP', Prop.DTSTAMP_PROPERTY), ('DTSTART', Prop.DTSTART_PROPERTY)):
            if count(event, kind) != 1:
                problems.append(f'VEVENT {uid} must have one {name} (§3.6.1)')
        if count(event, Prop.DTEND_PROPERTY) and count(event, Prop.DURATION_PROPERTY):
            problems.append(f'VEVENT {uid} has both DTEND and DURATION (§3.6.1)')
        if count(event, Prop.DTEND_PROPERTY) and count(event, Prop.DTSTART_PROPERTY):
            start, end = event.get_dtstart(), event.get_dtend()
            if start.is_date() != end.is_date():
                problems.append(f'VEVENT {uid}: DTSTART and DTEND are not of one value type (§3.8.2.2)')
            elif ICal.Time.compare(end, start) <= 0 and not (start.is_date() and ICal.Time.compare(end, start) == 0):
                problems.append(f'VEVENT {uid} ends before it starts (§3.8.2.2)')
        for status in properties(event, Prop.STATUS_PROPERTY):
            if status.get_value_as_string() not in ('TENTATIVE', 'CONFIRMED', 'CANCELLED'):
                problems.append(f'VEVENT {uid}: STATUS {status.get_value_as_string()} is not for an event (§3.8.1.11)')
        for prop in properties(event):
            tzid = prop.get_first_parameter(ICal.ParameterKind.TZID_PARAMETER)
            if tzid is not None and tzid.get_tzid() not in zones:
                problems.append(f'VEVENT {uid}: TZID {tzid.get_tzid()} has no VTIMEZONE in the file (§3.2.19)')
    if not events:
        problems.append('no VEVENT')
    return problems


def main(paths):
    failed = False
    for path in paths:
        with open(path, 'rb') as file:
            for problem in problems_in(file.read()):
                failed = True
                print(f'{path}: {problem}')
    print(f'{len(paths)} iCalendar files checked' + (', with problems' if failed else ', all valid'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
