"""Prongsai (โปร่งใส): ITA scoring, analysis and reporting for Thai public agencies."""

__version__ = "0.1.0"
