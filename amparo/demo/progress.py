"""Shared machinery for deterministic, resumable demo-data generators.

A generator describes how to build the rows of one block of indices; `dataset_fill` writes
them in batches, one transaction per batch, and records progress in `DemoDataset`. Rows
depend only on (dataset name, seed, row index), never on batch size or on how many runs it
took, so a rerun resumes an interrupted load and a larger `--scale` tops it up.
"""

import random
import sys
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Protocol

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from amparo.core.models import DemoDataset

# Rows are drawn block by block, each block from its own seeded generator. Changing this
# changes every generated dataset, so it is not a tuning knob (batch_size is).
BLOCK_SIZE = 1000


class DemoDataError(Exception):
    """Demo data cannot be generated as asked; the message is for the operator (Spanish)."""


class Progress(Protocol):
    def update(self, n: int) -> object: ...

    def close(self) -> None: ...


# (label, total, already done) -> a progress bar.
ProgressFactory = Callable[[str, int, int], Progress]


class _NoProgress:
    def update(self, n: int) -> None:
        return None

    def close(self) -> None:
        return None


def no_progress(label: str, total: int, done: int) -> Progress:
    return _NoProgress()


def tqdm_progress(label: str, total: int, done: int) -> Progress:
    """A tqdm bar on stderr, so stdout stays clean for the summary tables."""
    return tqdm(
        total=total, initial=done, desc=label, unit=" filas", unit_scale=True, file=sys.stderr
    )


def cumulative(table: Sequence[tuple[object, float]]) -> tuple[list, list[float]]:
    """Split a (value, weight) table into the values and cumulative weights for choices()."""
    return [value for value, _weight in table], list(accumulate(w for _v, w in table))


def block_rng(name: str, seed: int, block: int) -> random.Random:
    # Reproducible synthetic data, not secrets: a seeded PRNG is the point here.
    return random.Random(f"{name}:{seed}:{block}")  # noqa: S311


def dataset_prepare(*, name: str, seed: int, scale: float, target: int) -> DemoDataset:
    """Get or create the dataset record and aim it at `target` rows (never below what exists)."""
    with transaction.atomic():
        dataset, created = DemoDataset.objects.select_for_update().get_or_create(
            name=name, defaults={"seed": seed, "scale": scale, "target": target}
        )
        if created:
            return dataset
        if dataset.seed != seed:
            raise DemoDataError(
                _(
                    "El conjunto «%(name)s» ya se generó con la semilla %(old)s; vuelva a usar "
                    "--seed %(old)s o empiece con una base de datos vacía."
                )
                % {"name": name, "old": dataset.seed}
            )
        dataset.target = max(target, dataset.written)
        dataset.scale = scale
        dataset.completed_at = dataset.completed_at if dataset.written >= target else None
        dataset.save(update_fields=["target", "scale", "completed_at"])
        return dataset


def dataset_fill[Row: models.Model](
    *,
    dataset: DemoDataset,
    model: type[Row],
    make_block: Callable[[random.Random, int, int], list[Row]],
    batch_size: int,
    progress: ProgressFactory,
    label: str,
) -> int:
    """Write rows `dataset.written`..`dataset.target`; returns how many this call wrote.

    `make_block(rng, first_index, count)` must build `count` unsaved rows for the indices
    starting at `first_index`, drawing only from `rng` (one generator per block).
    """
    start, target = dataset.written, dataset.target
    bar = progress(label, target, start)
    pending: list[Row] = []
    try:
        for block_start in range(start - start % BLOCK_SIZE, target, BLOCK_SIZE):
            # Always draw a whole block, so row i is the same whatever the target.
            rng = block_rng(dataset.name, dataset.seed, block_start // BLOCK_SIZE)
            rows = make_block(rng, block_start, BLOCK_SIZE)
            pending.extend(rows[max(0, start - block_start) : target - block_start])
            while len(pending) >= batch_size:
                batch, pending = pending[:batch_size], pending[batch_size:]
                _write_batch(dataset, model, batch)
                bar.update(len(batch))
        if pending:
            _write_batch(dataset, model, pending)
            bar.update(len(pending))
    finally:
        bar.close()
    if dataset.completed_at is None:
        dataset.completed_at = timezone.now()
        dataset.save(update_fields=["completed_at"])
    return dataset.written - start


def _write_batch[Row: models.Model](
    dataset: DemoDataset, model: type[Row], rows: list[Row]
) -> None:
    with transaction.atomic():
        model._default_manager.bulk_create(rows)
        DemoDataset.objects.filter(pk=dataset.pk).update(written=F("written") + len(rows))
    dataset.written += len(rows)
