"""What the training loop carries from one step to the next.

The history fields are written into every checkpoint (state.json's "history", under these
names), so a resumed run goes on with its token counts, its times and its early stopping where
the checkpoint left them. The throughput window and the stop reason are not saved: a resumed
run measures its speed afresh.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from atlas_desktop.core.messages import Msg

# state.json's "history" keys, in the order they have always been written
HISTORY = ("best_eval_loss", "evals_without_improvement", "tokens", "computed_tokens", "elapsed", "train_time",
           "last_loss", "last_eval_loss")
THROUGHPUT_WINDOW_S = 5.0  # tokens per second are measured over about this much training time


@dataclass
class LoopState:
    started_at: float  # time.time() when this process started; elapsed counts from there
    step: int = 0  # optimizer steps done
    # --- history (saved)
    best_eval_loss: float | None = None
    evals_without_improvement: int = 0
    tokens: int = 0  # conversation tokens trained on (a shared prompt counted for each conversation)
    computed_tokens: int = 0  # tokens of the rows the model computed, padding left out (a shared prompt once a row)
    elapsed: float = 0.0  # seconds, over every session of the run
    train_time: float = 0.0  # seconds in training steps only
    last_loss: float | None = None
    last_eval_loss: float | None = None
    final_eval_loss: float | None = None  # the whole holdout, once measured at the end
    # --- this session only
    elapsed_before: float = 0.0  # what earlier sessions took
    window_tokens: int = 0
    window_time: float = 0.0
    stop_reason: Msg | None = None  # why the run stopped early, for people

    @classmethod
    def resumed(cls, started_at: float, saved: dict[str, Any] | None) -> LoopState:
        """A fresh state, or the one a checkpoint's state.json holds."""
        if saved is None:
            return cls(started_at)
        known = (*HISTORY, "final_eval_loss")
        state = cls(started_at, step=int(saved["step"]), **{k: v for k, v in saved.get("history", {}).items() if k in known})
        state.elapsed_before = float(state.elapsed)
        return state

    def history(self) -> dict[str, Any]:
        """state.json's "history" (final_eval_loss only once measured, as before)."""
        out = {k: getattr(self, k) for k in HISTORY}
        if self.final_eval_loss is not None:
            out["final_eval_loss"] = self.final_eval_loss
        return out

    def clock(self) -> None:
        """Bring ``elapsed`` up to now (before a checkpoint and at the end)."""
        self.elapsed = self.elapsed_before + (time.time() - self.started_at)

    def count_step(self, seconds: float, tokens: int, computed: int, loss: float) -> float:
        """One more optimizer step done; returns the tokens per second of the last few seconds of
        steps (holdout evaluations and checkpoints between steps are not training time, so they
        do not drag the curve down)."""
        self.step += 1
        self.train_time += seconds
        self.tokens += tokens
        self.computed_tokens += computed
        self.last_loss = loss
        self.window_tokens += tokens
        self.window_time += seconds
        tps = self.window_tokens / max(1e-6, self.window_time)
        if self.window_time > THROUGHPUT_WINDOW_S:
            self.window_tokens, self.window_time = 0, 0.0
        return tps

    def judge(self, eval_loss: float | None, patience: int) -> None:
        """Keep the best holdout loss; with ``patience``, set ``stop_reason`` once that many
        evaluations in a row did not improve on it by 1e-4."""
        if eval_loss is None:
            return
        if not patience:
            if self.best_eval_loss is None or eval_loss < self.best_eval_loss:
                self.best_eval_loss = eval_loss
            return
        if self.best_eval_loss is None or eval_loss < self.best_eval_loss - 1e-4:
            self.best_eval_loss, self.evals_without_improvement = eval_loss, 0
            return
        self.evals_without_improvement += 1
        if self.evals_without_improvement >= patience:
            self.stop_reason = Msg("train.early_stop", patience=patience)
