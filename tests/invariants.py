"""An independent check of every rule a journey must satisfy.

Written separately from the pipeline (plain pandas, no shared helpers) so that a bug in the
pipeline's incremental checks cannot hide behind the same bug here.
"""

from __future__ import annotations

import pandas as pd

from journeywidgets.model import TABLES, Journey, get_scale


def assert_invariants(journey: Journey) -> None:
    scale = get_scale(journey.meta["emotion_scale"])
    for name, spec in TABLES.items():
        frame = journey._committed[name]
        live = journey._live[name]
        assert frame.index.name == spec.id_column, name
        assert frame.index.is_unique, f"{name}: duplicate ids"
        assert list(frame.columns) == spec.column_names, name
        for column in spec.columns:
            assert frame[column.name].dtype == column.dtype, (
                name,
                column.name,
                frame[column.name].dtype,
            )
            values = frame[column.name]
            if column.required:
                assert values.notna().all(), (name, column.name, "empty required cell")
            if column.choices:
                assert values.dropna().isin(column.choices).all(), (name, column.name)
            if column.minimum is not None:
                assert (values.dropna() >= column.minimum).all(), (name, column.name)
            if column.maximum is not None:
                assert (values.dropna() <= column.maximum).all(), (name, column.name)
            fk = column.foreign_key
            if fk is not None:
                for row_id, target in values.dropna().items():
                    target_table = fk.table or frame.at[row_id, fk.table_column]
                    assert target in journey._committed[target_table].index, (
                        name,
                        row_id,
                        column.name,
                        target,
                    )
        if spec.ordered:
            key = ["position", *(spec.order_within or ())]
            assert not frame[key].astype(object).fillna("<none>").duplicated().any(), (
                f"{name}: positions clash"
            )
        for unique in spec.unique_together:
            assert not frame[list(unique)].astype(object).fillna("<none>").duplicated().any(), (
                name,
                unique,
            )
        if spec.exactly_one_of:
            assert (frame[list(spec.exactly_one_of)].notna().sum(axis=1) == 1).all(), name
        # The live frame shows exactly the committed state, with the schema's dtypes.
        pd.testing.assert_frame_equal(live, frame, check_exact=True)
    emotions = journey._committed["emotions"]
    for row_id, score in emotions["score"].dropna().items():
        n = emotions.at[row_id, "n"]
        scale.check(float(score), aggregate=not pd.isna(n) and n > 1)
    for name in ("segments", "code_mappings"):
        for score in journey._committed[name]["emotion"].dropna():
            scale.check(float(score), aggregate=True)
