"""Alert rules: YAML rule files, their conditions, and which rules fire for an event update."""

from monitor.rules.loader import load_rules
from monitor.rules.rule import Rule, RuleFile, RuleMatch, rules_schema
from monitor.rules.ruleset import RuleSet

__all__ = ["Rule", "RuleFile", "RuleMatch", "RuleSet", "load_rules", "rules_schema"]
