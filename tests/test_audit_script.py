"""bench/audit.py's judgements (`make audit`): what counts as markup a browser would run, and
when the dependency report fails. The run itself needs gunicorn and takes a minute: `make audit`
runs it, in CI too."""

import json

import pytest

from bench import audit


def found_in(html: str, nonce: str = "n0nce") -> list[str]:
    finder = audit.MarkupFinder(nonce)
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script nonce="other">alert(1)</script>',
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        "<svg><a onclick=alert(1)>x</a></svg>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="  JavaScript:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',  # a tab inside: the browser removes it
        '<a href="\x01javascript:alert(1)">x</a>',  # C0 controls trimmed at the start
        '<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        '<form action="vbscript:msgbox(1)"></form>',
    ],
)
def test_markup_a_browser_would_run_is_found(html):
    assert len(found_in(html)) == 1


@pytest.mark.parametrize(
    "html",
    [
        '<script nonce="n0nce">site()</script>',
        '<script src="/static/js/site.0123456789ab.js"></script>',
        '<a href="java   script:alert(1)">x</a>',  # spaces inside: a relative link
        '<a href="\u2028javascript:alert(1)">x</a>',  # not a C0 control: a relative link
        '<abbr title="&quot; onmouseover=alert(1) &quot;">x</abbr>',  # text in an attribute
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        '<a href="https://example.org/">x</a>',
    ],
)
def test_harmless_markup_is_not_reported(html):
    assert found_in(html) == []


def report(tmp_path, dependencies):
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    return str(path)


def test_a_known_vulnerability_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(audit, "pypi_newest", lambda name: pytest.fail("no lookup needed"))
    deps = [
        {"name": "django", "version": "6.1.3", "vulns": []},
        {
            "name": "nh3",
            "version": "0.3.7",
            "vulns": [{"id": "PYSEC-2026-1", "fix_versions": ["0.3.8"]}],
        },
    ]
    assert audit.deps_audit(report(tmp_path, deps), "warn") == 1
    out = capsys.readouterr().out
    assert "2 of 2 locked packages audited" in out
    assert "VULNERABLE: nh3 0.3.7: PYSEC-2026-1 (fixed in 0.3.8)" in out


def test_a_package_pip_audit_could_not_look_up_is_never_reported_safe(
    tmp_path, monkeypatch, capsys
):
    newest = {
        "asgiref": ("3.13.0", []),  # locked at the newest release: its list answers
        "pyyaml": ("6.0.4", []),  # an older release is locked: the list is not about it
        "whitenoise": ("6.12.0", [{"id": "GHSA-xxxx", "fixed_in": ["6.12.1"]}]),
    }
    monkeypatch.setattr(audit, "pypi_newest", newest.get)
    skip = "Dependency not found on PyPI and could not be audited: {} ({})"
    deps = [
        {"name": "asgiref", "skip_reason": skip.format("asgiref", "3.13.0")},
        {"name": "pyyaml", "skip_reason": skip.format("pyyaml", "6.0.3")},
    ]
    assert audit.deps_audit(report(tmp_path, deps), "fail") == 1
    out = capsys.readouterr().out
    assert "1 of 2 locked packages audited" in out
    assert (
        "NOT AUDITED (1; PyPI did not answer for these releases): pyyaml 6.0.3 (newest 6.0.4)"
        in out
    )
    assert audit.deps_audit(report(tmp_path, deps), "warn") == 0
    assert "no known vulnerabilities in the audited packages" in capsys.readouterr().out
    # The fallback reports what the newest release's list says.
    deps.append({"name": "whitenoise", "skip_reason": skip.format("whitenoise", "6.12.0")})
    assert audit.deps_audit(report(tmp_path, deps), "warn") == 1
    assert "VULNERABLE: whitenoise 6.12.0: GHSA-xxxx (fixed in 6.12.1)" in capsys.readouterr().out


def test_a_missing_report_fails(tmp_path, capsys):
    assert audit.deps_audit(str(tmp_path / "none.json"), "warn") == 1
    assert "pip-audit wrote no report" in capsys.readouterr().out
