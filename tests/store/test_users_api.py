"""Users and grants at the Python API: who may list and add users."""

import pytest

from toll.errors import TollError
from toll.store.access import add_user, list_users, may_see_personal_data


def test_only_users_of_the_store_may_list_its_users_and_only_admins_add_them(store):
    with store.session("amina") as session:
        add_user(session, "amina", "admin", restricted=False)
    with store.session("amina") as session:
        add_user(session, "viktor", "viewer", restricted=False)
    with store.session("viktor") as session:
        assert [(u.name, u.role) for u in list_users(session)] == [
            ("amina", "admin"),
            ("viktor", "viewer"),
        ]
        assert not may_see_personal_data(session)
        with pytest.raises(TollError, match="role viewer"):
            add_user(session, "viktor", "admin", restricted=True)
    with pytest.raises(TollError, match="'zed' is not a user"), store.session("zed") as session:
        list_users(session)
