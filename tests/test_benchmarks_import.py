"""Every benchmark script starts: it imports, and `--help` gets as far as its arguments.

Benchmarks are run by hand, seldom, so a moved helper can break one unnoticed (two did).
The two control apps are Streamlit scripts, not modules: they are compiled, not run.
"""
from __future__ import annotations

import importlib

import pytest

from tests.conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"
APPS = {"control_app", "hello_app"}  # `streamlit run` scripts the benchmarks measure against
SCRIPTS = sorted(p.stem for p in BENCHMARKS.glob("*.py") if p.stem not in APPS | {"__init__", "common"})


def test_every_benchmark_script_is_checked():
    assert {"check_time", "click_latency", "concurrency", "replicas"} <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_benchmark_script_starts(name, monkeypatch, capsys):
    module = importlib.import_module(f"benchmarks.{name}")
    monkeypatch.setattr("sys.argv", [f"benchmarks/{name}.py", "--help"])
    with pytest.raises(SystemExit) as exited:
        module.main()
    assert exited.value.code == 0
    assert "usage:" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(APPS))
def test_control_app_compiles(name):
    path = BENCHMARKS / f"{name}.py"
    assert compile(path.read_text(encoding="utf-8"), str(path), "exec") is not None
