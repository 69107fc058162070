"""Signs in to the Kyndig dashboard in headless Chromium, as a person would, and saves a
screenshot of the whole page: drives Chromium over the DevTools protocol (its remote debugging
port), types the token into the sign-in form and submits it, so the token never appears in an
address or on a command line Chromium sees.

Usage: python dashboard-screenshot.py DEVTOOLS_PORT SIGN_IN_URL TOKEN_FILE OUTPUT.png [WIDTH [MAX_HEIGHT]]
"""
import base64, itertools, json, sys, time, urllib.request

import websocket  # websocket-client, from PyPI

port, sign_in_url, token_file, output = sys.argv[1:5]
width = int(sys.argv[5]) if len(sys.argv) > 5 else 1200
max_height = int(sys.argv[6]) if len(sys.argv) > 6 else 2400  # the top of the page: charts and units
token = open(token_file).read().strip()

for _ in range(100):
    try:
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        break
    except Exception:
        time.sleep(0.2)
else:
    sys.exit("Chromium's DevTools endpoint did not answer")

ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
ids = itertools.count(1)

def call(method, **params):
    """Sends one command and returns its result, skipping the events in between."""
    message_id = next(ids)
    ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
    while True:
        message = json.loads(ws.recv())
        if message.get("id") == message_id:
            if "error" in message:
                sys.exit(f"{method}: {message['error']}")
            return message["result"]

def evaluate(expression):
    return call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)["result"].get("value")

def wait_for(expression, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if evaluate(expression):
            return
        time.sleep(0.2)
    sys.exit(f"timed out waiting for {expression}; the page says: {evaluate('document.body ? document.body.innerText.slice(0, 400) : location.href')}")

call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
call("Page.navigate", url=sign_in_url)
wait_for("document.readyState === 'complete' && !!document.querySelector('form.sign-in')")
evaluate(f"document.getElementById('token').value = {json.dumps(token)}; document.querySelector('form.sign-in').submit(); true")
wait_for("location.pathname.endsWith('/dashboard') && document.readyState === 'complete' && !!document.getElementById('chart-trend')", 20)
height = min(max_height, evaluate("Math.ceil(document.documentElement.scrollHeight)"))
call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
shot = call("Page.captureScreenshot", format="png")
open(output, "wb").write(base64.b64decode(shot["data"]))
print(f"{output}: {width}x{height}")
