// Any /api path without a route of its own: a JSON 404 in the API's error envelope.
function notFound(request: Request) {
  return Response.json(
    { error: "not_found", message: `No API route ${request.method} ${new URL(request.url).pathname}` },
    { status: 404 },
  );
}
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
