"""What an import skipped or repaired, record by record, so a partial import says exactly what it left out.

An importer given an :class:`ImportReport` keeps going past a record it cannot use: it skips the
record or repairs it and lists the problem here. A *strict* report (the default when a reader is
called without one) turns the first problem into ``ImportFailed`` with the same sentence, so
``--strict`` restores all-or-nothing refusal.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from netmap.errors import ImportFailed
from netmap.ingest.cells import neutralise
from netmap.ingest.limits import MAX_PROBLEMS

__all__ = ["ImportReport", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One record netmap could not use as written.

    ``where`` is the row, line, element or edge (``"row 7"``, ``"line 40 (INDI @I3@)"``); ``what`` says
    what netmap did (``"tie skipped"``, ``"name shortened"``); ``why`` is the reason as one sentence
    without its full stop, the same words a strict import refuses with.
    """

    file: str
    where: str
    what: str
    why: str

    def sentence(self) -> str:
        """``file where: why.`` — the one-sentence refusal of a strict import.

        >>> Problem("t.csv", "row 3, column 'to'", "tie skipped", "'Bo' is not a person in this file").sentence()
        "t.csv row 3, column 'to': 'Bo' is not a person in this file."
        """
        place = f"{self.file} {self.where}".strip()
        return f"{place}: {self.why}."


@dataclass
class ImportReport:
    """The problems of one import, in the order met; at most :data:`MAX_PROBLEMS` are kept, all are counted.

    >>> report = ImportReport()
    >>> report.add(Problem("t.csv", "row 3", "tie skipped", "a tie needs two different people"))
    >>> report.count, report.summary()
    (1, '1 problem: 1 tie skipped.')
    >>> ImportReport(strict=True).add(Problem("t.csv", "row 3", "tie skipped", "a tie needs two people"))
    Traceback (most recent call last):
    ...
    netmap.errors.ImportFailed: t.csv row 3: a tie needs two people.
    """

    strict: bool = False
    problems: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, problem: Problem, *, refuse: bool = True) -> None:
        """Record ``problem``; a strict report refuses the import with its sentence instead, unless
        ``refuse`` is False: something left out on purpose (a sensitive edge type), not a fault."""
        if self.strict and refuse:
            raise ImportFailed(problem.sentence())
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    @property
    def truncated(self) -> bool:
        """Whether more problems were met than kept."""
        return self.count > len(self.problems)

    def summary(self) -> str:
        """One sentence: how many problems, by what netmap did ("" when there were none)."""
        if not self.count:
            return ""
        kinds: dict[str, int] = {}
        for problem in self.problems:
            kinds[problem.what] = kinds.get(problem.what, 0) + 1
        parts = ", ".join(f"{n} {what}" for what, n in kinds.items())
        more = f" (the first {len(self.problems)} listed)" if self.truncated else ""
        return f"{self.count} problem{'s' if self.count != 1 else ''}{more}: {parts}."

    def to_csv(self) -> str:
        """The report as CSV text with columns file, where, what, why (for download or ``--report``).

        >>> report = ImportReport()
        >>> report.add(Problem("t.csv", "row 3", "tie skipped", "=a tie needs two people"))
        >>> print(report.to_csv())
        file,where,what,why
        t.csv,row 3,tie skipped,'=a tie needs two people
        <BLANKLINE>
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", "where", "what", "why"])
        for p in self.problems:
            # Cells hold text from the imported file: a leading formula character gets a quote.
            writer.writerow([neutralise(p.file), neutralise(p.where), neutralise(p.what), neutralise(p.why)])
        return out.getvalue()
