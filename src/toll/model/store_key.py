"""The key header of a store whose restricted fields are sealed (see `toll.store.fields`)."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created


class StoreKey(Created, Base):
    """The field key, wrapped with the passphrase (never the key itself). Not backed up."""

    __tablename__ = "store_keys"

    name: Mapped[str] = mapped_column(String(30), primary_key=True)  # "fields"
    header: Mapped[str] = mapped_column(Text)  # JSON: toll.store.crypto.KeyHeader
