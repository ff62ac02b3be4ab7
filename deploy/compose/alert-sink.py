"""The receiver behind Alertmanager's webhooks in the compose set-up: prints each notification it gets.

deploy/alertmanager/alertmanager.yml sends operations alerts to http://127.0.0.1:5001/operations and platform alerts
to http://127.0.0.1:5001/platform. In docker-compose.yml this server shares the alertmanager container's network
namespace, so that loopback address reaches it and the one Alertmanager configuration serves both set-ups. See the
notifications with: docker compose -f deploy/compose/docker-compose.yml logs -f alert-sink
Replace the webhooks with the export cell's real receiver (mail, chat, ticketing) for production.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 20


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length)
        try:
            notification = json.loads(body)
            for alert in notification.get("alerts", []):
                labels = alert.get("labels", {})
                print(f"{self.path} {alert.get('status', '?').upper()} {labels.get('alertname', '?')} "
                      f"{json.dumps(labels, sort_keys=True)} {json.dumps(alert.get('annotations', {}).get('summary', ''))}",
                      flush=True)
        except (ValueError, AttributeError):
            print(f"{self.path} unreadable notification of {length} bytes", flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass  # one line per alert above is enough


if __name__ == "__main__":
    host, port = (sys.argv[1], int(sys.argv[2])) if len(sys.argv) == 3 else ("127.0.0.1", 5001)
    print(f"alert sink listening on http://{host}:{port}", flush=True)
    ThreadingHTTPServer((host, port), Sink).serve_forever()
