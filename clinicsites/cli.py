"""``./run``: the project's tasks (tasks.py) as one command, with usage mistakes answered as bad input (exit 2).

invoke's own program exits 1 for an unknown task or option; here a mistyped task says what it most likely
meant and exits 2, as every other kind of bad input does.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from invoke import Collection, Exit, Program
from invoke.exceptions import ParseError

from .commands import EXIT_BAD_INPUT
from .errors import closest

#: The invoke tasks, at the top of the repository (``invoke`` finds the same file from the working directory).
TASKS_FILE = Path(__file__).resolve().parent.parent / "tasks.py"


class ClinicProgram(Program):
    def parse_core(self, argv):
        self._usage(super().parse_core, argv)

    def parse_tasks(self):
        self._usage(super().parse_tasks)

    def _usage(self, step, *args):
        try:
            step(*args)
        except ParseError as exc:
            raise Exit(self._explain(str(exc)), code=EXIT_BAD_INPUT) from None

    def _explain(self, message: str) -> str:
        if message.startswith("No idea what '") and self.collection is not None:
            word = message.split("'")[1]
            if word.startswith("-"):
                tasks = self.collection.tasks.values()
                flags = {f"--{arg.name.replace('_', '-')}" for task in tasks for arg in task.get_arguments()}
                near = closest(word, flags)
                hint = f" Did you mean {near}?" if near else ""
                return f"./run: no option called '{word}'.{hint} `./run --help <task>` shows a task's options."
            names = [name.replace("_", "-") for name in self.collection.task_names]
            near = closest(word, names)
            hint = f" Did you mean `./run {near}`?" if near else ""
            return f"./run: no task called '{word}'.{hint} `./run --list` shows every task."
        return f"./run: {message} (`./run --help <task>` shows its options)"


def load_tasks():
    """tasks.py as a module, loaded from its file (it imports only the installed ``clinicsites`` package)."""
    spec = importlib.util.spec_from_file_location("tasks", TASKS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> None:
    tasks = load_tasks()
    ClinicProgram(namespace=Collection.from_module(tasks), name="clinicsites", binary="./run").run(argv)


if __name__ == "__main__":
    main()
