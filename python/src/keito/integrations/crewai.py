"""CrewAI task callback: one time entry and one LLM expense per task, per executing agent.

    callback = KeitoTaskCallback(client=Keito(), project_id="prj_abc")
    Task(description="...", agent=researcher, callback=callback)

CrewAI calls a task's `callback` with a `TaskOutput`, which names the agent (`output.agent`,
its role) but carries neither timings nor token counts. The callback therefore also listens on
CrewAI's event bus (`crewai.events.crewai_event_bus`):

- `TaskStartedEvent` gives the `Task` object, whose `start_time`/`end_time` (set by CrewAI
  around the execution) give the duration;
- every `LLMCallCompletedEvent` carries the `task_id` of the task that made the call and the
  provider's `usage` dict; these are summed per task with CrewAI's own
  `UsageMetrics.from_provider_dict`, so each task's expense holds exactly its own calls, even
  when agents share one LLM instance or tasks run concurrently.

CrewAI runs event handlers on a thread pool, so before reading them the callback waits for the
bus to drain (`crewai_event_bus.flush()`); it finds its task through CrewAI's current-task
context variable, which is set while the callback runs. The time entry carries the agent's role
as its notes and, with `agent_id_from_role`, as `metadata.agent_id`; both records share one
`session_id`. Expenses need an LLM that reports usage: CrewAI's built-in providers do.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

try:
    from crewai.context import get_current_task_id
    from crewai.events import crewai_event_bus
    from crewai.events.types.llm_events import LLMCallCompletedEvent
    from crewai.events.types.task_events import TaskStartedEvent
    from crewai.tasks.task_output import TaskOutput
    from crewai.types.usage_metrics import UsageMetrics
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "keito.integrations.crewai needs crewai: pip install 'keito-python[crewai]'"
    ) from exc

from .._client import Keito
from ..lib.tracking import HOURS_PRECISION, LLM_USAGE_CATEGORY, token_notes
from ..types import Expense, TimeEntry

__all__ = ["KeitoTaskCallback", "TrackedTask"]

logger = logging.getLogger("keito.crewai")

# How long the callback waits for CrewAI's event handlers to catch up before reading usage.
EVENT_FLUSH_TIMEOUT_SECONDS = 10.0


@dataclass
class _TaskUsage:
    input_tokens: int = 0
    output_tokens: int = 0
    calls: int = 0
    model: str | None = None


@dataclass(frozen=True)
class TrackedTask:
    """What the callback recorded for one finished task."""

    task_id: str | None
    agent_role: str
    session_id: str
    time_entry: TimeEntry
    expense: Expense | None


class KeitoTaskCallback:
    """A CrewAI task callback that logs each task's time and token cost to Keito."""

    def __init__(
        self,
        client: Keito,
        project_id: str,
        task_id: str | None = None,
        *,
        auto_expense: bool = True,
        agent_id_from_role: bool = True,
        agent_type: str = "crewai",
    ) -> None:
        """`task_id` is the Keito task for every entry; `agent_id_from_role` puts the CrewAI
        agent's role in `metadata.agent_id`."""
        self.client = client
        self.project_id = project_id
        self.task_id = task_id
        self.auto_expense = auto_expense
        self.agent_id_from_role = agent_id_from_role
        self.agent_type = agent_type
        self.tracked: list[TrackedTask] = []
        self._lock = threading.Lock()
        self._tasks: dict[str, Any] = {}
        self._usage: dict[str, _TaskUsage] = {}
        crewai_event_bus.on(TaskStartedEvent)(self._on_task_started)
        crewai_event_bus.on(LLMCallCompletedEvent)(self._on_llm_call_completed)

    def close(self) -> None:
        """Stop listening to CrewAI's event bus (the callback records nothing afterwards)."""
        crewai_event_bus.off(TaskStartedEvent, self._on_task_started)
        crewai_event_bus.off(LLMCallCompletedEvent, self._on_llm_call_completed)

    # -- event bus handlers (run on CrewAI's handler threads) ------------------------------

    def _on_task_started(self, source: Any, event: TaskStartedEvent) -> None:
        task = event.task if event.task is not None else source
        task_id = getattr(task, "id", None)
        if task_id is None:
            return
        with self._lock:
            self._tasks[str(task_id)] = task
            # A task run again (a second kickoff) starts counting from zero.
            self._usage[str(task_id)] = _TaskUsage()

    def _on_llm_call_completed(self, source: Any, event: LLMCallCompletedEvent) -> None:
        task_id = getattr(event, "task_id", None)
        metrics = UsageMetrics.from_provider_dict(event.usage)
        if task_id is None or metrics is None:
            return
        with self._lock:
            usage = self._usage.setdefault(str(task_id), _TaskUsage())
            usage.input_tokens += metrics.prompt_tokens
            usage.output_tokens += metrics.completion_tokens
            usage.calls += 1
            usage.model = event.model or usage.model

    # -- the task callback ----------------------------------------------------------------

    def __call__(self, output: TaskOutput) -> None:
        """Called by CrewAI with the finished task's output."""
        if not crewai_event_bus.flush(timeout=EVENT_FLUSH_TIMEOUT_SECONDS):
            logger.warning("keito: CrewAI events still pending; token counts may be short")
        crew_task_id = get_current_task_id()
        with self._lock:
            task = self._tasks.pop(crew_task_id, None) if crew_task_id else None
            usage = self._usage.pop(crew_task_id, None) if crew_task_id else None
        usage = usage or _TaskUsage()
        role = output.agent
        model = usage.model or _agent_model(task)
        session_id = str(uuid.uuid4())
        meta: dict[str, Any] = {"agent_type": self.agent_type, "session_id": session_id}
        if self.agent_id_from_role:
            meta["agent_id"] = role
        if model:
            meta["model"] = model
        entry = self.client.time_entries.create(
            project_id=self.project_id,
            task_id=self.task_id,
            spent_date=date.today().isoformat(),
            hours=round(_duration_hours(task), HOURS_PRECISION),
            notes=role,
            source="agent",
            metadata={**meta, "crew_task": output.name or output.description},
        )
        expense: Expense | None = None
        total = usage.input_tokens + usage.output_tokens
        if self.auto_expense and total > 0:
            expense_meta = {k: v for k, v in meta.items() if k != "agent_type"}
            expense_meta.update(input_tokens=usage.input_tokens, output_tokens=usage.output_tokens)
            expense = self.client.expenses.create(
                project_id=self.project_id,
                expense_category_id=LLM_USAGE_CATEGORY,
                spent_date=date.today().isoformat(),
                units=total / 1000,
                notes=token_notes(model, usage.input_tokens, usage.output_tokens),
                source="agent",
                metadata=expense_meta,
            )
        self.tracked.append(TrackedTask(crew_task_id, role, session_id, entry, expense))


def _duration_hours(task: Any) -> float:
    # CrewAI stamps start_time before executing and end_time just before calling back.
    seconds = getattr(task, "execution_duration", None) if task is not None else None
    return max(0.0, float(seconds or 0.0)) / 3600


def _agent_model(task: Any) -> str | None:
    llm = getattr(getattr(task, "agent", None), "llm", None)
    model = getattr(llm, "model", None)
    return str(model) if model else None
