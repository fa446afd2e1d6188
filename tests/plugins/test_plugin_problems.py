"""A loaded plugin's running part says what is wrong (``ctx.report_problem``): the host keeps it as
the plugin's error for the manager, tells its listeners, and clears only a problem the plugin
itself reported — never a load error — once it works again."""

from __future__ import annotations


def test_a_reported_problem_is_the_plugins_error_until_it_is_cleared(host_for) -> None:
    host = host_for()
    host.discover()
    assert host.load("gauges")
    heard: list[str | None] = []
    host.subscribe(lambda: heard.append(host.plugins["gauges"].error))
    ctx = host.context("gauges")
    ctx.report_problem("http://hydro.local/r.json: HTTP 503 Service Unavailable")
    assert host.plugins["gauges"].error == "http://hydro.local/r.json: HTTP 503 Service Unavailable"
    ctx.report_problem("http://hydro.local/r.json: HTTP 503 Service Unavailable")  # the same again
    assert len(heard) == 1  # no news, no redraw
    ctx.report_problem(None)
    assert host.plugins["gauges"].error is None and heard == [heard[0], None]
    assert host.plugins["gauges"].loaded


def test_clearing_leaves_an_error_the_plugin_did_not_report(host_for) -> None:
    host = host_for()
    host.discover()
    assert host.load("gauges")
    ctx = host.context("gauges")
    ctx.report_problem("the station's folder is missing")
    host.plugins["gauges"].error = "cleanup failed: OSError"  # set by the host itself meanwhile
    ctx.report_problem(None)
    assert host.plugins["gauges"].error == "cleanup failed: OSError"


def test_a_failing_listener_does_not_reach_the_plugin(host_for) -> None:
    host = host_for()
    host.discover()
    assert host.load("gauges")

    def broken() -> None:
        raise RuntimeError("a window that is closing")

    host.subscribe(broken)
    host.context("gauges").report_problem("down")  # no exception into the feed's thread
    assert host.plugins["gauges"].error == "down"
    host.unsubscribe(broken)
