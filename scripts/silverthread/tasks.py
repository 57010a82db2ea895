"""Try-it-first tasks (data/tasks.yml, schema tasks): a task shown by `[[task:ID]]` before the lesson's own
interpretation, with its model answer in a closed <details> right after it. Student handouts never carry the
model answer; instructor handouts show it open."""
from __future__ import annotations

from pathlib import Path

from .data_files import line_at, load_yaml
from .errors import ContentError
from .placements import INTERPRETATION_SECTION, check_listed


def load_tasks(path: Path, sources: dict[str, dict]) -> dict[str, dict]:
    tasks: dict[str, dict] = {}
    for index, task in enumerate(load_yaml(path, "tasks")["tasks"]):
        where = ["tasks", index]
        if task["id"] in tasks:
            raise ContentError(path, f"task id '{task['id']}' is used twice", line_at(path, where + ["id"]))
        if "source" in task:
            box = sources.get(task["source"])
            if box is None:
                raise ContentError(path, f"task '{task['id']}': unknown source box '{task['source']}'",
                                   line_at(path, where + ["source"]))
            if task["lesson"] not in box["_lessons"]:
                raise ContentError(path, f"task '{task['id']}' works on source box '{task['source']}', which is not "
                                         f"listed for lesson {task['lesson']}", line_at(path, where + ["source"]))
        tasks[task["id"]] = {**task, "_lessons": [task["lesson"]], "_path": str(path)}
    return tasks


def check_tasks(tasks: dict[str, dict], lessons: dict, path: Path) -> None:
    """Each task is placed once, in its own lesson, before the interpretation section."""
    where = check_listed("task", "task", tasks, lessons, path, "tasks", once=True)
    for tid, places in where.items():
        for p in places:
            if not p.before_interpretation and tid in tasks:
                raise ContentError(p.path, f"[[task:{tid}]] stands after '## {INTERPRETATION_SECTION}': a "
                                           "try-it-first task comes before the lesson's own interpretation", p.line)


def handout_role(src_uri: str) -> str | None:
    """'instructor' or 'student' for handout pages, None for site pages."""
    if not src_uri.startswith("handouts/"):
        return None
    return "instructor" if src_uri.removesuffix(".md").endswith("-instructor") else "student"
