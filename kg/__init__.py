"""kg: rule-based, explainable knowledge graphs from news text.

Importing the package does no work: pipelines and rules load on first use.
"""

__version__ = "0.1.0"
