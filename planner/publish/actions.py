"""What one publish run decides to do per event, and the report of what it did."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.i18n import N_, localized, translate, translate_n

WRITES = ("create", "update", "delete")
# What each action is called in the report's first column.
VERB_LABELS = {"create": N_("create"), "update": N_("update"), "delete": N_("delete"),
               "unchanged": N_("unchanged"), "conflict": N_("conflict")}


@dataclass(frozen=True, slots=True)
class Action:
    """What to do (or what was decided not to do) for one event."""

    verb: str  # "create", "update", "delete", "unchanged" or "conflict"
    uid: str
    event_id: str  # planner's event id, or the UID for events planner did not make
    day: str  # first day, ISO
    title: str
    href: str = ""
    etag: str = ""  # If-Match; "" with create means If-None-Match: *
    body: bytes = b""
    reason: str = ""  # a Phrase, written in the reader's language

    def line(self, lang: str = "en") -> str:
        width = max(9, *(len(translate(lang, label)) for label in VERB_LABELS.values()))
        text = f"{verb_label(self.verb, lang):<{width}} {self.day:<10}  {self.event_id}  {self.title}"
        return f"{text}: {localized(self.reason, lang)}" if self.reason else text


def verb_label(verb: str, lang: str = "en") -> str:
    """"create", "update"... as the report names them, in `lang`."""
    return translate(lang, VERB_LABELS[verb])


@dataclass(frozen=True, slots=True)
class Sync:
    """Everything one publish run intends to do, decided from one read of the calendar."""

    actions: tuple[Action, ...]
    foreign: int  # events planner did not make, left alone

    @property
    def writes(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.verb in WRITES)


@dataclass(slots=True)
class Report:
    """What a publish run did (or, in a dry run, would do)."""

    done: list[Action] = field(default_factory=list)  # writes done, and unchanged/conflicts
    not_done: list[Action] = field(default_factory=list)  # writes left when it stopped
    foreign: int = 0

    def count(self, verb: str) -> int:
        return sum(action.verb == verb for action in self.done)

    def lines(self, lang: str = "en") -> list[str]:
        """One line per event written or in conflict; unchanged ones only in the summary."""
        shown = [a for a in self.done if a.verb != "unchanged"]
        return [a.line(lang) for a in sorted(shown, key=lambda a: (a.day, a.event_id, a.verb))]

    def summary(self, *, dry_run: bool = False, lang: str = "en") -> str:
        """"9 created, 0 updated, … 0 others' events left alone", in `lang`."""
        create, update, delete = (self.count(verb) for verb in WRITES)
        if dry_run:
            parts = [(translate_n(lang, "{count} would create", "{count} would create", create),
                      create),
                     (translate_n(lang, "{count} would update", "{count} would update", update),
                      update),
                     (translate_n(lang, "{count} would delete", "{count} would delete", delete),
                      delete)]
        else:
            parts = [(translate_n(lang, "{count} created", "{count} created", create), create),
                     (translate_n(lang, "{count} updated", "{count} updated", update), update),
                     (translate_n(lang, "{count} deleted", "{count} deleted", delete), delete)]
        unchanged, conflicts = self.count("unchanged"), self.count("conflict")
        parts += [(translate_n(lang, "{count} unchanged", "{count} unchanged", unchanged),
                   unchanged),
                  (translate_n(lang, "{count} conflict", "{count} conflicts", conflicts),
                   conflicts),
                  (translate_n(lang, "{count} event by others left alone",
                               "{count} others' events left alone", self.foreign), self.foreign)]
        text = ", ".join(part.format(count=count) for part, count in parts)
        if self.not_done:
            text += translate_n(lang, "; {count} change not made", "; {count} changes not made",
                                len(self.not_done)).format(count=len(self.not_done))
        return (translate(lang, "dry run, nothing written: {counts}").format(counts=text)
                if dry_run else text)
