"""`toll demo`: a demo store built from invented statements and synthetic lists.

The statements in `statements/` are written for this project about an invented conflict
(Valdoria, Northfield): they show the kinds of wording Toll meets, without putting words into
the mouth of any real office.
"""

from toll.demo.build import DEMO_SOURCES, build_demo

__all__ = ["DEMO_SOURCES", "build_demo"]
