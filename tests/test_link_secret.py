"""The installation's link secret: from the environment, or made once and kept; plan links
signed with it verify, and an edit or another installation's secret does not."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from bodymap import link_secret
from bodymap.dosage import Dosage
from bodymap.link_secret import LinkSecretError, installation_secret
from bodymap.links import PlanLink
from tests.conftest import ROOT


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.delenv("BODYMAP_LINK_SECRET", raising=False)
    monkeypatch.setenv("BODYMAP_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def test_a_secret_is_made_once_and_kept_for_the_owner_only(config):
    first = installation_secret()
    link_secret._secret.cache_clear()
    assert installation_secret() == first and len(first) >= 32
    path = config / "link-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in config.iterdir()] == ["link-secret"], "no candidate files left behind"


def test_replicas_starting_at_once_agree_on_one_secret(config):
    code = "from bodymap.link_secret import installation_secret; print(installation_secret().decode())"
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "BODYMAP_CONFIG_DIR": str(config)}) for _ in range(6)]
    secrets = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(secrets) == 1 and secrets == {(config / "link-secret").read_text().strip()}


def test_the_environment_s_secret_wins_and_must_be_long_enough(config, monkeypatch):
    monkeypatch.setenv("BODYMAP_LINK_SECRET", "x" * 40)
    assert installation_secret() == b"x" * 40
    assert not (config / "link-secret").exists()
    monkeypatch.setenv("BODYMAP_LINK_SECRET", "short")
    with pytest.raises(LinkSecretError, match="at least 16"):
        installation_secret()


def test_an_unwritable_config_folder_names_the_file_and_the_way_out(tmp_path, monkeypatch):
    monkeypatch.delenv("BODYMAP_LINK_SECRET", raising=False)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BODYMAP_CONFIG_DIR", str(blocker / "bodymap"))
    with pytest.raises(LinkSecretError, match="BODYMAP_LINK_SECRET"):
        installation_secret()


def test_only_the_plan_this_installation_signed_verifies(config, content):
    plan = PlanLink("calf", ("soleus",), "left", ("calf-wall-stretch",), (("calf-wall-stretch", Dosage(1, 3, 30)),))
    query = plan.signed().to_query()
    assert len(query["sig"]) == 22
    read, _ = PlanLink.parse(query, content)
    assert read.trusted and read.dosages == plan.dosages
    for edited in ({**query, "side": "right"}, {**query, "dose": "calf-wall-stretch:1x3h31d1w7"},
                   {**query, "ex": "calf-wall-stretch,eccentric-heel-drop"}, {**query, "sig": query["sig"][:-1]},
                   plan.signed(b"another installation's own secret").to_query()):
        read, _ = PlanLink.parse(edited, content)
        assert not read.trusted and read.exercises == () and read.dosages == ()
        assert read.muscles == ("soleus",), "the picture still opens"
