"""Load test: many concurrent sessions of hostile reruns against ONE local Streamlit server.

    python benchmarks/load.py                           # 40 sessions x 10 reruns, 1 round (~6-7 min here)
    python benchmarks/load.py --rounds 3 --timeout 1500 # three rounds: RSS round after round (~18 min)
    python benchmarks/load.py --sessions 3 --reruns 2 --solo 2 --session-ttl 2   # smoke run

The script starts the server itself as the Docker image starts it (benchmarks/_server.py: the
Dockerfile's command and environment, the app's own .streamlit/config.toml) on 127.0.0.1 (a free
port, loopback only), by default from the committed HEAD unpacked in a temporary folder (``--source
worktree`` serves the work tree as it is), prints its command line, environment and effective
config, and stops it at the end; ``--server-arg`` adds streamlit flags. Every loop is bounded in
count and the whole run in time (``--timeout``, 15 min by default).

Clients speak Streamlit's own websocket protocol, as the browser does, instead of driving 40
Chromium pages on a 2-core machine:

1. ``GET /_stcore/health`` (the frontend's first request) returns the ``_streamlit_xsrf`` cookie;
2. ``ws://127.0.0.1:PORT/_stcore/stream`` is opened with the subprotocols
   ``["streamlit", <xsrf cookie>]``, a same-origin ``Origin`` header and the cookie;
3. every rerun is one binary ``BackMsg`` with ``rerun_script = ClientState(query_string, page_name
   or page_script_hash, is_history_navigation, widget_states, context_info)``;
4. binary ``ForwardMsg`` frames are read until ``script_finished``. The first run's ``navigation``
   message maps each ``url_pathname`` to its ``page_script_hash``.

URL-bound widgets seed from the query string only on a session's first run (later plain reruns
keep the session's widget state), so later scenes go in as *history navigations* (what the
browser sends on back/forward: the URL wins), and some reruns change widgets directly through
``widget_states`` with the widget ids read from the previous run's deltas (a user's input, or a
forged message). Before the load, a check on one session proves that both routes change what the
server computes: the chart spec changes with the input and comes back identical for the same one.

Errors counted: ``Exception`` elements in the deltas, a ``script_finished`` other than success,
``page_not_found``, timeouts and connection errors, and tracebacks in the server's log.
Expected, translated messages that the app shows for bad input (``st.error``) are counted apart.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import os
import platform
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import ClientConnection, connect  # noqa: E402


class _Counted(ClientConnection):
    """A client websocket that counts the bytes it reads off the socket (``wire_in``): with
    permessage-deflate negotiated, fewer than the messages hold."""

    wire_in = 0

    def data_received(self, data: bytes) -> None:
        self.wire_in += len(data)
        super().data_received(data)

from benchmarks._server import (HOST, Server, commit, cpu_s, free_port, http_get, out_dir,  # noqa: E402,F401
                                rss_mb, snapshot)
from tests.attack_corpus import ATTACKS  # noqa: E402

SUCCESS = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
FRAGMENT_SUCCESS = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
ALERT_ERROR = 1  # Alert.Format.ERROR
WIDGETS = ("number_input", "selectbox", "multiselect", "radio", "checkbox", "text_input", "text_area",
           "slider", "select_slider", "button_group", "color_picker")


# ----------------------------------------------------------------------------------------------
# The protocol client
# ----------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Widget:
    """A URL-bound widget as the server described it in a delta."""
    id: str
    kind: str                 # proto element name: number_input, selectbox, ...
    key: str                  # its query-param key
    options: tuple[str, ...] = ()
    integer: bool = False
    low: float | None = None
    high: float | None = None
    value: object = None      # the value the server shows (number inputs)
    fragment: str = ""        # id of the st.fragment that drew it ("" outside fragments)


@dataclasses.dataclass
class Rerun:
    page: str
    query: str
    how: str                  # first | history | widgets | plain
    seconds: float = 0.0
    status: int | None = None
    exceptions: list[str] = dataclasses.field(default_factory=list)
    error: str | None = None  # timeout, connection error, page not found, bad status
    alerts: int = 0           # st.error messages the app shows for bad input (expected)
    charts: str = ""          # digest of every plotly chart spec of the run
    widgets: dict[str, Widget] = dataclasses.field(default_factory=dict)
    buttons: dict[str, str] = dataclasses.field(default_factory=dict)  # user key -> element id (st.button)
    groups: dict[str, str] = dataclasses.field(default_factory=dict)  # user key -> id (pills not bound to the URL)
    early: int = 0            # runs that ended FINISHED_EARLY_FOR_RERUN (the app's own rerun, or this
                              # session's next rerun after a client-side timeout)
    bytes: int = 0            # the messages' bytes
    wire: int = 0             # bytes read off the socket meanwhile (smaller with permessage-deflate)
    cached: int = 0           # messages the server sent as a reference to the browser's cache (message_cache)

    @property
    def failed(self) -> bool:
        return bool(self.error or self.exceptions)


def _widget(element) -> Widget | None:
    kind = element.WhichOneof("type")
    if kind not in WIDGETS:
        return None
    proto = getattr(element, kind)
    key = getattr(proto, "query_param_key", "")
    if not key:
        return None
    widget = Widget(id=proto.id, kind=kind, key=key)
    if hasattr(proto, "options"):  # strings, or (pills, segmented controls) options with a text content
        widget.options = tuple(o if isinstance(o, str) else getattr(o, "content", str(o)) for o in proto.options)
    if kind == "number_input":
        widget.integer = proto.data_type == 0
        widget.low = proto.min if proto.has_min else None
        widget.high = proto.max if proto.has_max else None
        widget.value = proto.value if proto.HasField("value") else proto.default
    elif kind == "slider":
        widget.integer = proto.data_type == 0
        widget.low, widget.high = proto.min, proto.max
    return widget


class Session:
    """One browser tab's worth of protocol: a websocket to /_stcore/stream and its reruns.

    ``compression``: None offers no websocket extension (the default); "deflate" offers permessage-deflate,
    as browsers do, which the server takes when ``server.enableWebsocketCompression`` is on."""

    compression: str | None = None
    # The browser's cache of large messages (frontend ForwardMessageCache): each rerun sends the hashes of the
    # cacheable messages (>= global.minCachedMessageSize) it holds, and the server sends a reference instead of
    # a message the browser has; an entry not used for max_cached_message_age script runs is dropped. Off by
    # default (the figures recorded before it was added were measured without it).
    message_cache: bool = False
    # The browser's User-Agent (None: the websockets library's own). The app lays a page out for a phone when
    # the agent says "Mobi" until the page's script reports the screen (ui/layout.py screen_tier), which
    # these simulated browsers never do.
    user_agent: str | None = None

    def __init__(self, port: int, *, locale: str = "en-US", timeout: float = 60.0, health_timeout: float = 5.0,
                 cookies: dict[str, str] | None = None, resume: str = ""):
        self.port = port
        self.locale = locale
        self.timeout = timeout
        self.health_timeout = health_timeout  # the first GET /_stcore/health (a browser retries it)
        # Every cookie the server (or a proxy in front of it) has set, sent back as a browser does:
        # Streamlit's _streamlit_xsrf, and behind scripts/serve.sh HAProxy's sticky DESCENTLAB_REPLICA.
        self.cookies: dict[str, str] = dict(cookies or {})
        self.resume = resume      # a session id to reconnect to (the browser's reconnect sends its last one)
        self.session_id = ""      # the server's id of this session (new_session.initialize.session_id)
        self.ws = None
        self.pages: dict[str, str] = {}      # url_pathname -> page_script_hash
        self.default_page = ""
        self.last: Rerun | None = None
        self.query_string = ""  # the page's query string as the server last set it (URL-bound widgets)
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (s) of each st.fragment(run_every=...)
        self.cached: dict[str, list] = {}  # hash -> [the message's frame, the script run it was last used in]
        self.script_runs = 0
        self.max_cached_age = 2  # the server's new_session config says

    async def connect(self) -> None:
        _, set_cookies = await asyncio.to_thread(http_get, self.port, "/_stcore/health", self.health_timeout,
                                                 self._cookie_header())
        for line in set_cookies:
            name, _, value = line.split(";", 1)[0].partition("=")
            if name.strip():
                self.cookies[name.strip()] = value.strip()
        xsrf = self.cookies.get("_streamlit_xsrf")
        headers = {"Origin": f"http://{HOST}:{self.port}", **self._cookie_header()}
        # The subprotocol list carries the XSRF token, and on a reconnect the previous session's id
        self.ws = await connect(f"ws://{HOST}:{self.port}/_stcore/stream",
                                subprotocols=["streamlit", xsrf or "PLACEHOLDER_AUTH_TOKEN"]
                                + ([self.resume] if self.resume else []),
                                additional_headers=headers, max_size=None, compression=self.compression,
                                open_timeout=self.timeout, ping_interval=None, close_timeout=5,
                                create_connection=_Counted,
                                **({"user_agent_header": self.user_agent} if self.user_agent else {}))

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def _age_cache(self, fragment: str) -> None:
        """A script run ended: what the browser's cache does then (entries of other fragments kept)."""
        self.script_runs += 1
        if fragment:
            return  # a fragment's run: the browser ages only that fragment's messages; these stay a run longer
        for digest in [d for d, (_, used) in self.cached.items() if self.script_runs - used > self.max_cached_age]:
            del self.cached[digest]

    async def rerun(self, page: str, query: str, *, how: str = "history",
                    widgets: dict[str, object] | None = None, triggers: tuple[str, ...] = (),
                    fragment: str = "") -> Rerun:
        """One rerun; ``how`` is first (page by name, as on opening a URL), history (back/forward
        to this URL: bound widgets take the URL's values), widgets (changed widget values) or plain.
        ``triggers`` are widget ids sent with ``trigger_value = True``: a button click. ``fragment``
        (a widget's ``Widget.fragment``) reruns only that fragment, as the browser asks when a
        widget inside an st.fragment changes."""
        result = Rerun(page=page, query=query, how=how)
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.fragment_id = fragment
        if how == "first" or page not in self.pages:
            state.page_name = page
        else:
            state.page_script_hash = self.pages[page]
        state.is_history_navigation = how == "history"
        if widgets:
            for widget_id, value in widgets.items():
                entry = state.widget_states.widgets.add(id=widget_id)
                if isinstance(value, bool):
                    entry.bool_value = value
                elif isinstance(value, int):
                    entry.int_value = value
                elif isinstance(value, float):
                    entry.double_value = value
                elif isinstance(value, list):
                    entry.string_array_value.data.extend(value)
                else:
                    entry.string_value = str(value)
        for widget_id in triggers:
            state.widget_states.widgets.add(id=widget_id).trigger_value = True
        state.context_info.locale = self.locale
        state.context_info.timezone = "UTC"
        state.context_info.url = f"http://{HOST}:{self.port}/{page}?{query}"
        if self.message_cache:
            state.cached_message_hashes.extend(self.cached)
        digest = hashlib.sha1()
        started = time.perf_counter()
        deadline = started + self.timeout
        wire0 = self.ws.wire_in
        try:
            await self.ws.send(msg.SerializeToString())
            while True:
                frame = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - time.perf_counter()))
                result.bytes += len(frame)
                forward = ForwardMsg()
                forward.ParseFromString(frame)
                kind = forward.WhichOneof("type")
                if self.message_cache:
                    if kind == "ref_hash":  # a message this browser holds: read it from the cache
                        entry = self.cached[forward.ref_hash]
                        result.cached += 1
                        entry[1] = self.script_runs
                        metadata = forward.metadata
                        forward = ForwardMsg()
                        forward.ParseFromString(entry[0])
                        forward.metadata.CopyFrom(metadata)
                        kind = forward.WhichOneof("type")
                    elif forward.metadata.cacheable and forward.hash and forward.hash not in self.cached:
                        self.cached[forward.hash] = [frame, self.script_runs]
                if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                    element = forward.delta.new_element
                    name = element.WhichOneof("type")
                    if name == "exception":
                        result.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
                    elif name == "alert" and element.alert.format == ALERT_ERROR:
                        result.alerts += 1
                    elif name == "plotly_chart":
                        digest.update(element.plotly_chart.spec.encode())
                        chart = element.plotly_chart
                        match = re.match(r"\$\$ID-[0-9a-f]+-(.+)$", chart.id)
                        if chart.selection_mode and match:  # a chart with on_select is a widget (value: JSON)
                            result.widgets[match.group(1)] = Widget(id=chart.id, kind=name, key=match.group(1),
                                                                    fragment=forward.delta.fragment_id)
                    elif name == "button_group" and not element.button_group.query_param_key:
                        match = re.match(r"\$\$ID-[0-9a-f]+-(.+)$", element.button_group.id)
                        result.groups[match.group(1) if match else element.button_group.id] = element.button_group.id
                    elif name == "button":  # ids end in the user key: $$ID-<hash>-<key>
                        match = re.match(r"\$\$ID-[0-9a-f]+-(.+)$", element.button.id)
                        result.buttons[match.group(1) if match else element.button.id] = element.button.id
                    else:
                        widget = _widget(element)
                        if widget is not None:
                            widget.fragment = forward.delta.fragment_id
                            result.widgets[widget.key] = widget
                elif kind == "new_session":
                    if forward.new_session.initialize.session_id:
                        self.session_id = forward.new_session.initialize.session_id
                    if forward.new_session.HasField("config"):
                        self.max_cached_age = forward.new_session.config.max_cached_message_age
                elif kind == "navigation":
                    self.pages = {p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages}
                    self.default_page = next((p.url_pathname for p in forward.navigation.app_pages if p.is_default),
                                             "")
                elif kind == "page_info_changed":
                    self.query_string = forward.page_info_changed.query_string
                elif kind == "auto_rerun":
                    self.auto_reruns[forward.auto_rerun.fragment_id] = forward.auto_rerun.interval
                elif kind == "page_not_found":
                    result.error = f"page not found: {forward.page_not_found.page_name!r}"
                elif kind == "script_finished":
                    status = forward.script_finished
                    self._age_cache(fragment)
                    if status == EARLY_FOR_RERUN:
                        result.early += 1
                        continue  # the app asked for a rerun itself: its run follows
                    result.status = status
                    if status not in (SUCCESS, FRAGMENT_SUCCESS) and result.error is None:
                        result.error = f"script_finished {ForwardMsg.ScriptFinishedStatus.Name(status)}"
                    break
        except asyncio.TimeoutError:
            result.error = f"timeout after {self.timeout:.0f} s"
        except Exception as error:  # connection closed, protocol errors
            result.error = f"{type(error).__name__}: {error}"[:300]
        result.seconds = time.perf_counter() - started
        result.wire = (self.ws.wire_in - wire0) if self.ws is not None else 0
        result.charts = digest.hexdigest()[:12]
        self.last = result
        return result


# ----------------------------------------------------------------------------------------------
# Pages and hostile scenes
# ----------------------------------------------------------------------------------------------
def app_url_paths(app_dir: Path = ROOT) -> list[str]:
    """Every ``url_path`` that app.py gives a page (lesson pages added by others included)."""
    return re.findall(r"url_path\s*=\s*[\"']([^\"']*)[\"']", (app_dir / "app.py").read_text())


NUMBERS = ["1e12", "-1", "-1e308", "1e308", "1e999", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "0", "-0",
           "1e-400", "abc", "", " 7 ", "1,5", "0x10", "١٢٣", "９", "9" * 400, "1e12.5", "--1", "1%00", "½"]
STRINGS = ["NoSuchOption", "", "Ω≈ç√∫˜µ≤≥÷", "🙂🚀", "한국어", "x" * 20_000, "<script>alert(1)</script>",
           "../../../../etc/passwd", "\x00", "'; DROP TABLE t;--", "\u202e\u200b", "%00%ff", "None", "null",
           "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "ＡＤＡＭ", "adam", "ADAM", "Adam ", "é" * 3000]
BOOLS = ["true", "false", "TRUE", "1", "yes", "maybe", "", "nan"]
FORMULAS = ["sin(x)*cos(y)", "x^2 + y^2", "(x^2+y-11)^2 + (x+y^2-7)^2", "x^4/4 - x^2 + x/3", "abs(x) + abs(y)",
            "exp(-x^2-y^2)", "log(1 + x^2 + y^2)", "x*y", "sqrt(x^2 + y^2 + 1)", "tanh(x) + y^2"]
EXPRESSIONS = [text for text, _ in ATTACKS]
JUNK_KEYS = ["zz", "__proto__", "constructor", "page", "embed", "lang", "😀", "a" * 300, "x0[]", "opts%5B%5D"]


class Scenes:
    """Random scenes, half valid and half hostile, for every page and every bound widget found."""

    def __init__(self, pages: list[str], widgets: dict[str, dict[str, Widget]], rng: random.Random):
        self.pages = pages
        self.widgets = widgets
        self.rng = rng

    def page(self) -> str:
        return self.rng.choice(self.pages)

    def _valid(self, w: Widget) -> list[str]:
        r = self.rng
        if w.kind in ("selectbox", "radio", "select_slider", "button_group") and w.options:
            return [r.choice(w.options)]
        if w.kind == "multiselect" and w.options:
            return r.sample(w.options, r.randint(1, min(4, len(w.options))))
        if w.kind == "checkbox":
            return [r.choice(["true", "false"])]
        if w.kind in ("text_input", "text_area"):
            return [r.choice(FORMULAS)]
        if w.kind in ("number_input", "slider"):
            low = w.low if w.low is not None else -10.0
            high = w.high if w.high is not None else 10.0
            if w.integer:
                return [str(r.randint(int(low), int(min(high, low + 300))))]
            if low >= 0 and high > 1:  # rates and other positive quantities: log-uniform
                return [f"{10 ** r.uniform(-4, 0.3):.6g}"]
            return [f"{r.uniform(max(low, -5.0), min(high, 5.0)):.6g}"]
        return [r.choice(STRINGS)]

    def _hostile(self, w: Widget) -> list[str]:
        r = self.rng
        if w.kind in ("number_input", "slider"):
            return [r.choice(NUMBERS)]
        if w.kind == "checkbox":
            return [r.choice(BOOLS)]
        if w.kind in ("text_input", "text_area"):
            return [r.choice(EXPRESSIONS + STRINGS)]
        if w.kind == "multiselect":
            valid = list(w.options)
            return r.choice([[r.choice(STRINGS)], valid * 30, valid + [r.choice(STRINGS)], [""]])
        return [r.choice(STRINGS + [o.lower() for o in w.options])]

    def query(self, page: str) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.02:  # oversize query string (Streamlit ignores > 512 Ki characters)
            return "surface_expr=" + "x" * 600_000
        if roll < 0.04:  # too many fields (Streamlit ignores > 1000)
            return "&".join(f"k{i}={i}" for i in range(1200))
        if roll < 0.07:  # malformed percent-encoding and separators
            return r.choice(["%%%&&==&;;&a=%ZZ&=&", "steps=%E2%82&x0=%", "&&&&", "=1", "opts=%C0%AF&lang=%FF"])
        widgets = self.widgets.get(page, {})
        pairs: list[tuple[str, str]] = [("lang", r.choice(["en", "ko", "en", "xx", ""]))]
        keys = list(widgets)
        chosen = r.sample(keys, min(len(keys), r.randint(1, 6))) if keys else []
        pickers = [w for w in widgets.values() if "custom" in w.options]
        if pickers and r.random() < 0.4:  # a typed formula: legal or from the attack corpus
            picker = r.choice(pickers)
            pairs.append((picker.key, "custom"))
            pairs.append((picker.key + "_expr", r.choice(FORMULAS + EXPRESSIONS)))
            chosen = [k for k in chosen if k not in (picker.key, picker.key + "_expr")]
        for key in chosen:
            widget = widgets[key]
            values = self._hostile(widget) if r.random() < 0.5 else self._valid(widget)
            pairs += [(key, v) for v in values]
        if r.random() < 0.2:
            pairs.append((r.choice(JUNK_KEYS), r.choice(STRINGS + NUMBERS)))
        r.shuffle(pairs)
        return urlencode(pairs, quote_via=quote, safe="", errors="surrogateescape")  # lone surrogates as raw bytes

    def widget_states(self, last: Rerun) -> dict[str, object]:
        """Changed values for one to three number inputs of the last run (a user's edits or a forged message)."""
        r = self.rng
        numbers = [w for w in last.widgets.values() if w.kind == "number_input"]
        out: dict[str, object] = {}
        for w in r.sample(numbers, min(len(numbers), r.randint(1, 3))):
            if r.random() < 0.5:
                out[w.id] = r.choice([float("nan"), float("inf"), -float("inf"), 1e308, -1e308, -1.0, 0.0, 1e12])
                if w.integer:
                    out[w.id] = r.choice([2**62, -(2**62), -1, 0, 10**12])
            else:
                value = float(self._valid(w)[0])
                out[w.id] = int(value) if w.integer else value
        return out


# ----------------------------------------------------------------------------------------------
# Phases
# ----------------------------------------------------------------------------------------------
async def discover(port: int, paths: list[str], timeout: float) -> tuple[list[str], dict[str, dict[str, Widget]], list[Rerun]]:
    """Visit every page (each surface picker once more on "custom", every multiselect with all its
    options) and record the URL-bound widgets the server describes."""
    session = Session(port, timeout=timeout)
    await session.connect()
    runs = [await session.rerun("", "", how="first")]
    served = set(session.pages)
    pages = []
    for path in paths:
        pages.append(path if path in served else session.default_page)  # the default page's path is ""
    pages = list(dict.fromkeys(pages))
    found: dict[str, dict[str, Widget]] = {}
    try:
        for page in pages:
            run = await session.rerun(page, "", how="history")
            runs.append(run)
            widgets = {key: w for key, w in run.widgets.items() if w.kind in WIDGETS}  # URL-bound inputs only
            extra = []
            for w in list(widgets.values()):
                if w.kind == "multiselect" and w.options:
                    extra += [(w.key, o) for o in w.options]
            queries = [urlencode(extra, quote_via=quote, safe="")] if extra else []
            queries += [f"{w.key}=custom" for w in widgets.values() if "custom" in w.options]
            for query in queries:
                run = await session.rerun(page, query, how="history")
                runs.append(run)
                for key, widget in run.widgets.items():
                    if widget.kind in WIDGETS:
                        widgets.setdefault(key, widget)
            found[page] = widgets
    finally:
        await session.close()
    return pages, found, runs


async def check_inputs(port: int, timeout: float) -> list[str]:
    """Prove that each way of changing input reaches what the server computes (chart spec digests)."""
    session = Session(port, timeout=timeout)
    await session.connect()
    q1 = "surface=rosenbrock&steps=40&opts=Adam&adam.lr=0.05"
    q2 = "surface=rosenbrock&steps=40&opts=Adam&adam.lr=0.002"
    q3 = "surface=custom&surface_expr=sin(x)*cos(y)&steps=40&opts=Adam&adam.lr=0.05"
    lines = []
    try:
        a = await session.rerun("", q1, how="first")
        b = await session.rerun("", q2, how="history")
        c = await session.rerun("", q1, how="history")
        d = await session.rerun("", q2, how="plain")
        lr = c.widgets["adam.lr"]
        e = await session.rerun("", q1, how="widgets", widgets={lr.id: 0.002})
        f = await session.rerun("", q3, how="history")
        runs = [a, b, c, d, e, f]
        ok_history = a.charts == c.charts != b.charts and b.widgets["adam.lr"].value == 0.002
        ok_widgets = e.charts == b.charts != c.charts
        ok_custom = f.charts not in (a.charts, b.charts)
        lines.append(f"  first URL (lr 0.05) {a.charts}; history nav to lr 0.002 {b.charts}; back to lr 0.05 "
                     f"{c.charts}: {'changes and reproduces' if ok_history else 'FAILED'}")
        lines.append(f"  plain rerun, no widget_states, lr 0.002 URL {d.charts}: "
                     f"{'follows the URL' if d.charts == b.charts else 'keeps the session state'}")
        lines.append(f"  lr 0.05 URL + widget_states adam.lr=0.002 {e.charts}: "
                     f"{'the widget wins, same chart as the lr 0.002 URL' if ok_widgets else 'FAILED'}")
        lines.append(f"  custom formula {f.charts}: {'new chart' if ok_custom else 'FAILED'}")
        if not (ok_history and ok_widgets and ok_custom) or any(r.failed for r in runs):
            raise RuntimeError("input check failed:\n" + "\n".join(lines))
    finally:
        await session.close()
    return lines


async def run_session(port: int, scenes: Scenes, reruns: int, timeout: float, deadline: float,
                      locale: str, widget_share: float) -> list[Rerun]:
    r = scenes.rng
    session = Session(port, locale=locale, timeout=timeout)
    results: list[Rerun] = []
    try:
        await session.connect()
    except Exception as error:
        return [Rerun(page="", query="", how="connect", error=f"connect: {type(error).__name__}: {error}"[:300])]
    try:
        page = scenes.page()
        for i in range(reruns):
            if time.monotonic() > deadline:
                break
            if i == 0:
                result = await session.rerun(page, scenes.query(page), how="first")
            elif session.last and not session.last.error and r.random() < widget_share and \
                    any(w.kind == "number_input" for w in session.last.widgets.values()):
                result = await session.rerun(session.last.page, session.last.query, how="widgets",
                                             widgets=scenes.widget_states(session.last))
            else:
                page = scenes.page()
                result = await session.rerun(page, scenes.query(page), how="history")
            results.append(result)
            if result.error and "timeout" not in result.error and "page not found" not in result.error:
                break  # the connection is gone
    except Exception as error:  # a bug in this client: counted as an error too
        results.append(Rerun(page="", query="", how="client", error=f"client: {type(error).__name__}: {error}"[:300]))
    finally:
        await session.close()
    return results


async def run_round(port: int, scenes_for, sessions: int, reruns: int, timeout: float, deadline: float,
                    widget_share: float, server: Server) -> tuple[list[Rerun], float, float]:
    """All sessions at once; returns their reruns, the wall time and the peak RSS seen meanwhile."""
    peak = server.rss()
    done = asyncio.Event()

    async def sample():
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, server.rss())
            except OSError:
                return
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    tasks = [run_session(port, scenes_for(i), reruns, timeout, deadline, "ko-KR" if i % 4 == 3 else "en-US",
                         widget_share) for i in range(sessions)]
    try:
        batches = await asyncio.gather(*tasks)
    finally:
        done.set()
        await sampler
    wall = time.perf_counter() - started
    return [r for batch in batches for r in batch], wall, peak




def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def describe(runs: list[Rerun]) -> str:
    times = [r.seconds for r in runs if not r.error]
    return (f"p50 {percentile(times, 50):.2f} s, p95 {percentile(times, 95):.2f} s, "
            f"max {max(times, default=float('nan')):.2f} s")


async def main_async(args) -> int:
    app_dir, folder = snapshot(args.source)
    paths = app_url_paths(app_dir)
    started = time.monotonic()
    deadline = started + args.timeout - 30  # leave time to stop the server and print
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    server = Server(args.session_ttl, app_dir, args.malloc_arena_max, extra_args=args.server_arg)
    try:
        await asyncio.to_thread(server.wait_healthy)
        say(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; "
            f"server on {HOST}:{server.port} (pid {server.proc.pid}); app: "
            + ("work tree" if folder is None else f"{args.source} ({commit(args.source)})"))
        for line in await asyncio.to_thread(server.describe):
            say(line)
        ttl = server.setting("server.disconnectedSessionTTL", args.session_ttl)
        pages, widgets, _ = await discover(server.port, paths, args.rerun_timeout)
        say(f"pages (url_path from app.py): {', '.join(p or '/' for p in pages)}; "
            f"URL-bound widgets: " + ", ".join(f"{p or '/'} {len(w)}" for p, w in widgets.items()))
        say("input check (chart spec digests):")
        for line in await check_inputs(server.port, args.rerun_timeout):
            say(line)
        rss_before = server.rss()

        rng = random.Random(args.seed)
        solo_scenes = Scenes(pages, widgets, random.Random(rng.random()))
        solo = await run_session(server.port, solo_scenes, args.solo, args.rerun_timeout, deadline, "en-US",
                                 args.widget_share)
        say(f"single user, alone: {len(solo)} reruns, {describe(solo)}; errors {sum(r.failed for r in solo)}")
        say(f"server RSS before the load: {rss_before:.0f} MiB (after warm-up and the single user: "
            f"{server.rss():.0f} MiB)")

        all_runs: list[Rerun] = []
        rss_rounds = []
        for round_no in range(1, args.rounds + 1):
            if time.monotonic() > deadline:
                say(f"round {round_no}: skipped, overall timeout reached")
                break
            seeds = [rng.random() for _ in range(args.sessions)]
            runs, wall, peak = await run_round(
                server.port, lambda i: Scenes(pages, widgets, random.Random(seeds[i])), args.sessions, args.reruns,
                args.rerun_timeout, deadline, args.widget_share, server)
            await asyncio.sleep(args.settle)
            rss = server.rss()
            rss_rounds.append(rss)
            all_runs += runs
            say(f"round {round_no}: {args.sessions} sessions, {len(runs)} reruns in {wall:.0f} s "
                f"({len(runs) / wall:.1f}/s), {describe(runs)}; errors {sum(r.failed for r in runs)}; "
                f"RSS peak {peak:.0f} MiB, after {rss:.0f} MiB")

        # Let the disconnected sessions expire (Streamlit keeps them for reconnects), then one more
        # short session makes the session store drop them, and measure.
        if ttl is not None and time.monotonic() + ttl + 5 < deadline:
            await asyncio.sleep(ttl + 1)
            await run_session(server.port, Scenes(pages, widgets, random.Random(0)), 1, args.rerun_timeout,
                              deadline, "en-US", 0.0)
            await asyncio.sleep(args.settle)
        rss_after = server.rss()
        # How much of that is the app's bounded caches: the "Clear caches" message of Streamlit's menu.
        session = Session(server.port, timeout=args.rerun_timeout)
        await session.connect()
        clear = BackMsg()
        clear.clear_cache = True
        await session.ws.send(clear.SerializeToString())
        await session.close()
        await asyncio.sleep(args.settle)
        rss_cleared = server.rss()

        failed = [r for r in all_runs + solo if r.failed]
        log_errors = server.log_errors()
        hows = {h: sum(r.how == h for r in all_runs) for h in ("first", "history", "widgets")}
        by_page = {p or "/": sum(r.page == p for r in all_runs) for p in pages}
        hostile = sum(r.alerts > 0 for r in all_runs)
        under_load = [r.seconds for r in all_runs if not r.error]
        alone = [r.seconds for r in solo if not r.error]
        say()
        say(f"sessions: {args.sessions} concurrent x {len(rss_rounds)} rounds; reruns under load: {len(all_runs)} "
            f"of {args.sessions * args.reruns * len(rss_rounds)} planned "
            f"(first {hows['first']}, history navigation {hows['history']}, widget_states {hows['widgets']}); "
            f"per page: " + ", ".join(f"{p} {n}" for p, n in by_page.items()))
        say(f"distinct chart specs: {len({r.charts for r in all_runs})}; reruns showing the app's own error "
            f"message for bad input: {hostile}; bytes received: {sum(r.bytes for r in all_runs) / 2**20:.0f} MiB")
        say(f"errors: {len(failed)} (exceptions {sum(bool(r.exceptions) for r in failed)}, "
            f"other {sum(bool(r.error) for r in failed)}); server log error lines: {len(log_errors)}")
        groups: dict[str, list[Rerun]] = {}
        for r in failed:
            kind = r.error or ("exception element" if r.exceptions else "?")
            groups.setdefault(re.sub(r"\d+(\.\d+)?", "N", kind)[:100], []).append(r)
        for kind, runs in sorted(groups.items(), key=lambda item: -len(item[1])):
            say(f"  {len(runs)} x {kind}; e.g. {runs[0].how} /{runs[0].page}?{runs[0].query[:150]}")
        for where, count in list(server.log_exceptions().items())[:12]:
            say(f"  server log: {count} x {where}")
        say(f"rerun time alone:      p50 {percentile(alone, 50):.2f} s, p95 {percentile(alone, 95):.2f} s "
            f"({len(alone)} reruns)")
        say(f"rerun time under load: p50 {percentile(under_load, 50):.2f} s, p95 {percentile(under_load, 95):.2f} s "
            f"({len(under_load)} reruns; x{percentile(under_load, 50) / percentile(alone, 50):.1f} p50, "
            f"x{percentile(under_load, 95) / percentile(alone, 95):.1f} p95)")
        growth = rss_after - rss_before
        say(f"server RSS: before {rss_before:.0f} MiB; after each round "
            + ", ".join(f"{v:.0f}" for v in rss_rounds)
            + f" MiB; after all (sessions expired) {rss_after:.0f} MiB, then with the caches cleared "
              f"{rss_cleared:.0f} MiB; growth {growth:+.0f} MiB (target < 200), "
              f"rounds {rss_rounds[0] if rss_rounds else float('nan'):.0f} -> "
              f"{rss_rounds[-1] if rss_rounds else float('nan'):.0f} MiB")
        say(f"total time: {time.monotonic() - started:.0f} s; server log: {server.log_path}")
        ok = not failed and not log_errors and growth < 200
        say("RESULT: " + ("PASS" if ok else "FAIL"))
        if args.report:
            Path(args.report).write_text("\n".join(lines) + "\n")
        return 0 if ok else 1
    finally:
        server.stop()
        if folder is not None:
            folder.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40, help="concurrent sessions per round (default 40)")
    parser.add_argument("--reruns", type=int, default=10, help="reruns per session (default 10)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="rounds of all sessions (default 1, ~6-7 min here; 3 show the RSS trend, ~18 min)")
    parser.add_argument("--solo", type=int, default=20, help="reruns of the single user measured alone (default 20)")
    parser.add_argument("--widget-share", type=float, default=0.25,
                        help="share of reruns that change widgets through widget_states (default 0.25)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--timeout", type=float, default=900, help="hard overall time limit in s (default 900)")
    parser.add_argument("--rerun-timeout", type=float, default=300,
                        help="client-side limit for one rerun in s (default 300; a browser has none)")
    parser.add_argument("--session-ttl", type=int, default=None,
                        help="server.disconnectedSessionTTL for the server under test (default: as shipped, "
                             "Streamlit's 120 s, waited for before the last RSS reading)")
    parser.add_argument("--source", default="HEAD",
                        help="app to serve: a git ref unpacked to a temporary folder (default HEAD) or 'worktree'")
    parser.add_argument("--settle", type=float, default=2.0, help="pause before reading RSS after a round (s)")
    parser.add_argument("--report", help="also write the printed report to this file")
    parser.add_argument("--malloc-arena-max", type=int, default=None,
                        help="MALLOC_ARENA_MAX for the server (default: the Dockerfile's; 0: unset, as the README's "
                             "bare `streamlit run app.py`)")
    parser.add_argument("--server-arg", action="append", default=[], metavar="FLAG",
                        help="a streamlit flag added to the shipped command line (repeatable)")
    args = parser.parse_args(argv)
    if min(args.sessions, args.reruns, args.rounds, args.solo) < 1:
        parser.error("sessions, reruns, rounds and solo must be >= 1")
    try:
        return asyncio.run(asyncio.wait_for(main_async(args), args.timeout))
    except asyncio.TimeoutError:
        print(f"RESULT: FAIL (overall timeout {args.timeout:.0f} s)", flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
