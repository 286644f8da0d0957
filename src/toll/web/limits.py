"""Refusing request bodies larger than the workspace accepts, before any of it is stored."""

MAX_BODY = 50 * 1024 * 1024  # an upload: a long report or a list of a million rows fits


class BodyLimit:
    """ASGI middleware: 413 for a body over `limit` bytes (declared or as it streams in)."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except TooLarge:
            await self._refuse(send)

    async def _refuse(self, send) -> None:
        mb = self.limit // (1024 * 1024)
        body = f'{{"detail": "the upload is larger than {mb} MB; nothing was stored"}}'.encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    pass
