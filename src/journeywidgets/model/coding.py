"""Building research material into a journey: participants, sources, codes, segments.

A *segment* is the unit of evidence: a span of a source's text (start/end in Unicode code
points) or a quote typed by hand (no source), carrying codes and linked to the map by
hand (``evidence_links``) or through what its codes mean (``code_mappings``). The old
``add_evidence`` is kept: it adds a segment and finds or creates its participant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .building import JourneyParts
from .errors import ValidationError
from .ops import Insert, Move, Op, Update
from .values import Value, is_missing, to_python

LINK_TARGETS = ("steps", "stages", "cards", "emotions")


class ResearchBuilding(JourneyParts):
    """Adding participants, sources, codes and coded segments; linking evidence."""

    def add_participant(
        self, label: str, *, persona: str | None = None,
        attributes: Mapping[str, Value] | None = None, position: int | None = None,
        participant_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a participant (``label``: a pseudonym such as "P3"); returns their id.

        ``attributes`` become ``participant_attributes`` rows (age, city, plan …). Other
        fields: ``segment``, ``description``, ``origin``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Study")
        >>> j.add_participant("P1", attributes={"age": 34, "city": "Ipoh"})
        'participant_1'
        >>> j.participant_attributes[["participant_id", "name", "value"]]
                       participant_id  name value
        attribute_id
        attribute_1     participant_1   age    34
        attribute_2     participant_1  city  Ipoh
        """
        if participant_id is None:
            participant_id = self._next_id("participants")
        persona = self._ref("personas", persona, "persona")
        row = {"participant_id": participant_id, "label": label, "persona_id": persona, **fields}
        ops: list[Op] = [Insert("participants", {k: v for k, v in row.items() if v is not None})]
        if position is not None:
            ops.append(Move("participants", participant_id, position))
        for name, value in (attributes or {}).items():
            ops.append(_attribute_insert(participant_id, name, value))
        self.apply(ops)
        return participant_id

    def set_attribute(self, participant: str, name: str, value: Value) -> str:
        """Set one attribute of a participant (id or label; added, or changed if present);
        returns its id.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Study")
        >>> j.add_participant("P1", attributes={"city": "Ipoh"})
        'participant_1'
        >>> j.set_attribute("P1", "city", "Kuala Lumpur")  # changed: the same row
        'attribute_1'
        >>> j.set_attribute("P1", "plan", "monthly")  # added
        'attribute_2'
        >>> j.participant_attributes["value"].tolist()
        ['Kuala Lumpur', 'monthly']
        """
        participant = str(self._ref("participants", participant, "participant"))
        frame = self._committed["participant_attributes"]
        found = frame.index[
            ((frame["participant_id"] == participant) & (frame["name"] == name)).fillna(False)
        ]
        if len(found):
            self.apply(Update("participant_attributes", str(found[0]), {"value": _text(value)}))
            return str(found[0])
        attribute_id = self._next_id("participant_attributes")
        self.apply(_attribute_insert(participant, name, value, attribute_id))
        return attribute_id

    def add_source(
        self, name: str, text: str | None = None, *, participant: str | None = None,
        kind: str = "text", source_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a source: a transcript (``text``), a recording, a PDF or notes; returns its id.

        Other fields: ``collected_at``, ``origin``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Study")
        >>> j.add_participant("P1")
        'participant_1'
        >>> j.add_source("Interview 1", "I paid twice. The card machine failed.", participant="P1")
        'source_1'
        >>> j.sources.loc["source_1", ["participant_id", "kind"]].tolist()
        ['participant_1', 'text']
        """
        participant = self._ref("participants", participant, "participant")
        row = {"source_id": source_id, "participant_id": participant, "kind": kind,
               "name": name, "text": text, **fields}  # fmt: skip
        return self._add("sources", row, None)

    def add_code(
        self, name: str, *, parent: str | None = None, position: int | None = None,
        code_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a code under ``parent`` (a code id or name; empty: top level); returns its id.

        Other fields: ``color`` (#RRGGBB), ``description``, ``origin``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Study")
        >>> j.add_code("Payment")
        'code_1'
        >>> j.add_code("Card declined", parent="Payment", color="#dc2626")
        'code_2'
        >>> j.codes[["parent_id", "name"]]
                parent_id           name
        code_id
        code_1       <NA>        Payment
        code_2     code_1  Card declined
        """
        row = {"code_id": code_id, "parent_id": self._ref("codes", parent, "parent"), "name": name,
               **fields}  # fmt: skip
        return self._add("codes", row, position)

    def add_segment(
        self, text: str | None = None, *, source: str | None = None, start: int | None = None,
        end: int | None = None, codes: Iterable[str] | str = (), links: Iterable[str] | str = (),
        participant: str | None = None, kind: str = "quote", segment_id: str | None = None,
        **fields: Value,
    ) -> str:  # fmt: skip
        """Add a segment: a span ``start``–``end`` (code points) of ``source``, or a quote typed
        by hand; with ``codes`` (code ids) and manual ``links`` (stage/step/card/emotion ids).

        For a span the text defaults to the source's text between start and end, and must
        equal it if given; the participant is the source's. Other fields: ``coder``,
        ``memo``, ``collected_at``, ``emotion``, ``origin``. Returns the segment's id.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Study")
        >>> j.add_source("Interview 1", "I paid twice. The card machine failed.")
        'source_1'
        >>> j.add_code("Card declined")
        'code_1'
        >>> j.add_segment(source="Interview 1", start=14, end=38, codes="Card declined")
        'segment_1'
        >>> j.segments.loc["segment_1", "text"]
        'The card machine failed.'
        """
        if segment_id is None:
            segment_id = self._next_id("segments")
        # Names, as everywhere: the source's text below is looked up by the source's id.
        source = self._ref("sources", source, "source_id")
        participant = self._ref("participants", participant, "participant_id")
        codes = [str(self._ref("codes", c, "code_id")) for c in _listed(codes)]
        ops = self._segment_ops(
            text, source=source, start=start, end=end, codes=codes, links=links,
            participant=participant, kind=kind, segment_id=segment_id, fields=fields,
        )  # fmt: skip
        self.apply(ops)
        return segment_id

    def code_segment(self, segment: str, code: str) -> str:
        """Apply ``code`` (a code id or name) to ``segment``; returns the coding's id.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Study")
        >>> j.add_code("Queues")
        'code_1'
        >>> j.add_segment("The queue went out the door")
        'segment_1'
        >>> j.code_segment("segment_1", "Queues")
        'coding_1'
        >>> j.segment_codes[["segment_id", "code_id"]].values.tolist()
        [['segment_1', 'code_1']]
        """
        code = str(self._ref("codes", code, "code"))
        op = Insert("segment_codes", {"coding_id": self._next_id("segment_codes"),
                                      "segment_id": segment, "code_id": code})  # fmt: skip
        self.apply(op)
        return str(op.row["coding_id"])

    def add_evidence(
        self, text: str, *, links: Iterable[str] | str = (), kind: str = "quote",
        evidence_id: str | None = None, participant: str | None = None,
        source: str | None = None, source_uri: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a quote or observation typed by hand (a segment without a span), linked to
        the stages/steps/cards/emotions in ``links``; returns the segment's id.

        ``participant`` is a participant id or label (a new participant if neither);
        ``source`` a source id or name (new ``notes`` source if neither, with
        ``source_uri`` as its origin). Other fields: ``collected_at``, ``emotion``,
        ``coder``, ``memo``, ``codes``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> pays = j.add_step("Pays", j.add_stage("Buy"))
        >>> j.add_evidence("The card machine said declined", links=[pays], participant="P3")
        'segment_1'
        >>> j.participants["label"].tolist(), j.evidence_links["target_id"].tolist()
        (['P3'], ['step_1'])
        """
        ops: list[Op] = []
        participant_id = self._find_or_add_participant(participant, ops)
        source_id = self._find_or_add_source(source, source_uri, participant_id, ops)
        codes = fields.pop("codes", ())
        segment_id = evidence_id if evidence_id is not None else self._next_id("segments")
        ops += self._segment_ops(
            text, source=source_id, start=None, end=None, codes=codes,
            links=links, participant=participant_id, kind=kind, segment_id=segment_id,
            fields=fields,
        )  # fmt: skip
        self.apply(ops)
        return segment_id

    def link_evidence(self, evidence: str, target: str) -> str:
        """Link a segment to a stage, step, card or emotion (found by id); returns the link id.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> pays = j.add_step("Pays", j.add_stage("Buy"))
        >>> quote = j.add_evidence("Paid twice by mistake")
        >>> j.link_evidence(quote, pays)
        'link_1'
        >>> j.evidence_links[["segment_id", "target_table", "target_id"]].values.tolist()
        [['segment_1', 'steps', 'step_1']]
        """
        op = self._link_op(evidence, target)
        self.apply(op)
        return str(op.row["link_id"])

    # -- composing ops ------------------------------------------------------------------

    def _segment_ops(
        self, text: str | None, *, source: str | None, start: int | None, end: int | None,
        codes: Iterable[str] | str, links: Iterable[str] | str, participant: str | None,
        kind: str, segment_id: str, fields: Mapping[str, Value],
    ) -> list[Op]:  # fmt: skip
        sources = self._committed["sources"]
        if source is not None and source in sources.index:
            owner = to_python(sources.at[source, "participant_id"])
            if participant is None:
                participant = owner
            elif owner is not None and owner != participant:
                raise ValidationError(
                    f"the segment's participant {participant!r} is not its source's ({owner!r})",
                    table="segments", row=segment_id, column="participant_id",
                )  # fmt: skip
            body = to_python(sources.at[source, "text"])
            if start is not None and end is not None and isinstance(body, str):
                if not 0 <= start <= end <= len(body):
                    raise ValidationError(
                        f"the span {start}–{end} is outside the source's text "
                        f"({len(body)} code points)",
                        table="segments", row=segment_id, column="end",
                    )  # fmt: skip
                span = body[start:end]
                if text is None:
                    text = span
                elif text != span:
                    raise ValidationError(
                        f"the text differs from the source's text at {start}–{end} ({span!r})",
                        table="segments", row=segment_id, column="text",
                    )  # fmt: skip
        row = {"segment_id": segment_id, "source_id": source, "participant_id": participant,
               "start": start, "end": end, "text": text, "kind": kind, **fields}  # fmt: skip
        ops: list[Op] = [Insert("segments", {k: v for k, v in row.items() if v is not None})]
        for code in [codes] if isinstance(codes, str) else codes:
            coding = {"coding_id": self._next_id("segment_codes"), "segment_id": segment_id}
            ops.append(Insert("segment_codes", {**coding, "code_id": code}))
        ops += [
            self._link_op(segment_id, t) for t in ([links] if isinstance(links, str) else links)
        ]
        return ops

    def _find_or_add_participant(self, given: str | None, ops: list[Op]) -> str | None:
        if given is None or is_missing(given):
            return None
        frame = self._committed["participants"]
        if given in frame.index:
            return given
        same = frame.index[(frame["label"] == given).fillna(False)]
        if len(same):
            return str(same[0])
        new_id = self._next_id("participants")
        ops.append(Insert("participants", {"participant_id": new_id, "label": given}))
        return new_id

    def _find_or_add_source(
        self, given: str | None, uri: str | None, participant: str | None, ops: list[Op]
    ) -> str | None:
        if given is None and uri is None:
            return None
        frame = self._committed["sources"]
        if given is not None and given in frame.index:
            return given
        name = given if given is not None else uri
        same = frame.index[
            (frame["name"] == name).fillna(False).to_numpy()
            & (
                frame["participant_id"].isna()
                if participant is None
                else (frame["participant_id"] == participant).fillna(False)
            ).to_numpy()
            & (
                frame["origin"].isna() if uri is None else (frame["origin"] == uri).fillna(False)
            ).to_numpy()
        ]
        if len(same):
            return str(same[0])
        new_id = self._next_id("sources")
        row = {"source_id": new_id, "participant_id": participant, "kind": "notes",
               "name": name, "origin": uri}  # fmt: skip
        ops.append(Insert("sources", {k: v for k, v in row.items() if v is not None}))
        return new_id

    def _link_op(self, segment: str, target: str) -> Insert:
        tables = [t for t in LINK_TARGETS if target in self._committed[t].index]
        if len(tables) != 1:
            problem = (
                "is not a stage, step, card or emotion id"
                if not tables
                else (f"is an id in several tables ({', '.join(tables)})")
            )
            raise ValidationError(
                f"{target!r} {problem}", table="evidence_links", column="target_id"
            )
        link_id = self._next_id("evidence_links")
        row = {"link_id": link_id, "segment_id": segment, "target_table": tables[0]}
        return Insert("evidence_links", {**row, "target_id": target})


def _listed(given: Iterable[str] | str) -> list[str]:
    return [given] if isinstance(given, str) else list(given)


def _text(value: Value) -> str | None:
    value = to_python(value)
    return None if value is None else str(value)


def _attribute_insert(
    participant: str, name: str, value: Value, attribute_id: str | None = None
) -> Insert:
    row = {"participant_id": participant, "name": name, "value": _text(value)}
    if attribute_id is not None:
        row["attribute_id"] = attribute_id
    return Insert("participant_attributes", row)
