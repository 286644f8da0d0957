"""Tests of toll.records: reading lists of persons."""
