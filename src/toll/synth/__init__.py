"""Synthetic victim lists with known truth, for tests, the demo and benchmarks.

    from toll.synth import write_lists, make_lists, SynthSettings
    write_lists("out/", SynthSettings(persons=2000, lists=4, seed=1))
"""

from toll.synth.lists import CONVENTIONS, SynthLists, SynthSettings, make_lists, write_lists

__all__ = ["CONVENTIONS", "SynthLists", "SynthSettings", "make_lists", "write_lists"]
