"""Backup and restore: the whole store in one verifiable archive, and back, losslessly."""

from toll.backup.dump import BackupSummary, backup_store
from toll.backup.load import RestoreSummary, open_archive, restore_archive

__all__ = ["BackupSummary", "RestoreSummary", "backup_store", "open_archive", "restore_archive"]
