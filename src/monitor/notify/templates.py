"""The Jinja2 message templates, one per output format, kept as package strings."""

from __future__ import annotations

TEXT_TEMPLATE = """\
{% if v.refers_to %}
{{ v.refers_to }}

{% endif %}
{% if v.changes %}
Changed:
{% for c in v.changes %}
- {{ c.field }}: {{ c.old }} → {{ c.new }}
{% endfor %}

{% endif %}
{% for label, value in v.facts %}
{{ label }}: {{ value }}
{% endfor %}
Date: {{ v.when }}
{% if v.evidence %}

Evidence:
{% for sentence in v.evidence %}
> {{ sentence }}
{% endfor %}
{% endif %}
{% if v.sources %}

Sources:
{% for s in v.sources %}
- {{ s.label }}{% if s.published %} ({{ s.published }}){% endif %}\
{% if s.link %}: {{ s.link }}{% endif %}

{% endfor %}
{% endif %}

{% if v.rules|length > 1 %}
Rules: {{ v.rule }}

{% else %}
Rule: {{ v.rule }} (severity: {{ v.severity }})
{% endif %}
"""

MARKDOWN_TEMPLATE = """\
{% if v.refers_to %}
_{{ v.refers_to|md }}_

{% endif %}
{% if v.changes %}
**Changed**
{% for c in v.changes %}
- {{ c.field|md }}: {{ c.old|md }} → {{ c.new|md }}
{% endfor %}

{% endif %}
{% for label, value in v.facts %}
- **{{ label }}:** {{ value|md }}
{% endfor %}
- **Date:** {{ v.when|md }}
{% if v.evidence %}

**Evidence**
{% for sentence in v.evidence %}
> {{ sentence|md }}
{% endfor %}
{% endif %}
{% if v.sources %}

**Sources**
{% for s in v.sources %}
- {% if s.link %}[{{ s.label|md }}]({{ s.link }}){% else %}{{ s.label|md }}{% endif %}\
{% if s.published %} ({{ s.published|md }}){% endif %}

{% endfor %}
{% endif %}

{% if v.rules|length > 1 %}
_Rules: {{ v.rule|md }}_
{% else %}
_Rule: {{ v.rule|md }} (severity: {{ v.severity|md }})_
{% endif %}
"""

HTML_TEMPLATE = """\
<h2>{{ v.title }}</h2>
{% if v.refers_to %}
<p><em>{{ v.refers_to }}</em></p>
{% endif %}
{% if v.changes %}
<p><strong>Changed</strong></p>
<ul>
{% for c in v.changes %}
<li>{{ c.field }}: {{ c.old }} &rarr; {{ c.new }}</li>
{% endfor %}
</ul>
{% endif %}
<table>
{% for label, value in v.facts %}
<tr><th align="left">{{ label }}</th><td>{{ value }}</td></tr>
{% endfor %}
<tr><th align="left">Date</th><td>{{ v.when }}</td></tr>
</table>
{% if v.evidence %}
<p><strong>Evidence</strong></p>
{% for sentence in v.evidence %}
<blockquote>{{ sentence }}</blockquote>
{% endfor %}
{% endif %}
{% if v.sources %}
<p><strong>Sources</strong></p>
<ul>
{% for s in v.sources %}
<li>{% if s.link %}<a href="{{ s.link }}">{{ s.label }}</a>{% else %}{{ s.label }}{% endif %}\
{% if s.published %} ({{ s.published }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
{% if v.rules|length > 1 %}
<p><em>Rules: {{ v.rule }}</em></p>
{% else %}
<p><em>Rule: {{ v.rule }} (severity: {{ v.severity }})</em></p>
{% endif %}
"""

TEMPLATES = {
    "text": TEXT_TEMPLATE,
    "markdown": MARKDOWN_TEMPLATE,
    "html": HTML_TEMPLATE,
}
