import pytest

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.projects import ProjectFields, create_project, get_project, list_projects, update_project
from atlas_desktop.core.storage import audit


def test_create_edit_list(workspace) -> None:  # noqa: ANN001
    login = workspace.user.login
    with workspace.unit_of_work() as s:
        p = create_project(s, ProjectFields("  مساعد   البنك ", system_prompt="أنت مساعد مصرفي.", intents=("Support", "policy", "support"), dialects=("gulf", "msa")), login)
    assert p.name == "مساعد البنك" and p.intents == ("support", "policy") and p.created_by == "tester"
    with workspace.unit_of_work() as s:
        q = update_project(s, p.name, ProjectFields("مساعد البنك الرقمي", system_prompt=p.system_prompt, intents=p.intents, dialects=("egyptian",)), login)
    assert q.dialects == ("egyptian",)
    with workspace.unit_of_work() as s:
        assert [x.name for x in list_projects(s)] == ["مساعد البنك الرقمي"]
        changed = audit.recent(s, 1)[0]
    assert changed.action == "project.updated" and set(changed.details["changed"]) == {"name", "dialects"}


@pytest.mark.parametrize(("fields", "message"), [
    (ProjectFields(""), "name is empty"),
    (ProjectFields("x" * 200), "keep it to 120"),
    (ProjectFields("ok", intents=()), "at least one intent"),
    (ProjectFields("ok", dialects=("klingon",)), "Unknown dialect 'klingon'"),
    (ProjectFields("ok", dialects=()), "at least one target dialect"),
])
def test_bad_fields_are_named(workspace, fields, message) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match=message):
        with workspace.unit_of_work() as s:
            create_project(s, fields, "tester")


def test_names_are_unique_and_lookups_say_what_exists(workspace) -> None:  # noqa: ANN001
    with workspace.unit_of_work() as s:
        create_project(s, ProjectFields("Alpha"), "tester")
    with pytest.raises(ValidationError, match="already exists"):
        with workspace.unit_of_work() as s:
            create_project(s, ProjectFields("Alpha"), "tester")
    with pytest.raises(NotFoundError, match="projects: Alpha"):
        with workspace.unit_of_work() as s:
            get_project(s, "Beta")
