"""`ModelQueryRoute`: a route that reads its query-parameter model with one pydantic call.

FastAPI reads an ``Annotated[Model, Query()]`` parameter field by field and inspects each
field's annotation again on every request. For `ClaimQuery` (twelve fields) that costs
150-230 µs, a third of a whole claim search; validating the model from the query string
directly costs about 5 µs. The route below does that for endpoints of one simple shape and
leaves every other endpoint to FastAPI's own handler. The OpenAPI document is still built
from the endpoint's signature, so it does not change.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

# When FastAPI builds the handler of a route included in an app, this holds the route as
# included (its dependant has the dependencies the inclusion adds); other versions lack it.
_effective_route_context_var: Any = getattr(
    importlib.import_module("fastapi.routing"), "_effective_route_context_var", None
)

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class _Plan(typing.NamedTuple):
    endpoint: Callable[..., Awaitable[Response]]
    model_name: str
    model: type[BaseModel]
    dependencies: tuple[tuple[str, Callable[..., Any]], ...]


def _request_only(dependant: Dependant) -> bool:
    """A dependency that takes the request and nothing else, and is not a generator."""
    call = dependant.call
    return (
        call is not None
        and dependant.name is not None
        and not (
            dependant.path_params
            or dependant.query_params
            or dependant.header_params
            or dependant.cookie_params
            or dependant.body_params
            or dependant.dependencies
        )
        and not (inspect.isgeneratorfunction(call) or inspect.isasyncgenfunction(call))
        and len(inspect.signature(call).parameters) == 1
        and dependant.request_param_name is not None
    )


def _plan(dependant: Dependant) -> _Plan | None:
    """What the fast handler needs, or None when the endpoint has another shape."""
    endpoint = dependant.call
    if endpoint is None or not inspect.iscoroutinefunction(endpoint):
        return None
    if (
        dependant.path_params
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or len(dependant.query_params) != 1
        or dependant.request_param_name
        or dependant.websocket_param_name
        or dependant.http_connection_param_name
        or dependant.response_param_name
        or dependant.background_tasks_param_name
        or dependant.security_scopes_param_name
        or not all(_request_only(sub) for sub in dependant.dependencies)
    ):
        return None
    returns = typing.get_type_hints(endpoint).get("return")
    if not (inspect.isclass(returns) and issubclass(returns, Response)):
        return None
    field = dependant.query_params[0]
    model = field.field_info.annotation
    if not (inspect.isclass(model) and issubclass(model, BaseModel)):
        return None
    dependencies = tuple((str(sub.name), sub.call) for sub in dependant.dependencies if sub.call)
    return _Plan(endpoint, field.name, model, dependencies)


def query_values(request: Request, model: type[BaseModel]) -> dict[str, Any]:
    """The query string as FastAPI hands it to a model.

    A field's last value; any other name passed on (several values as a list) so that the
    model's ``extra`` policy decides about it.
    """
    params = request.query_params
    values: dict[str, Any] = {}
    extras: dict[str, list[str]] = {}
    fields = model.model_fields
    for key, value in params.multi_items():
        if key in fields:
            values[key] = value
        else:
            extras.setdefault(key, []).append(value)
    for key, found in extras.items():
        values[key] = found[0] if len(found) == 1 else found
    return values


class ModelQueryRoute(APIRoute):
    """An `APIRoute` that validates its one query-parameter model directly.

    It applies to ``async`` endpoints that return a `Response` and take one
    ``Annotated[Model, Query()]`` parameter plus dependencies that need only the request
    (such as `api.deps.get_store`). Values are read as FastAPI reads them (`query_values`),
    errors are the same `RequestValidationError` with locations under ``query``, and
    `FastAPI.dependency_overrides` apply (an override taking no argument or the request;
    any other sends that request through FastAPI's handler). Endpoints of other shapes get
    FastAPI's handler.
    """

    def get_route_handler(self) -> Handler:
        default = super().get_route_handler()
        dependant = self.dependant
        if _effective_route_context_var is not None:
            context = _effective_route_context_var.get()
            if context is not None and getattr(context, "original_route", None) is self:
                dependant = context.dependant
        plan = _plan(dependant)
        if plan is None:
            return default
        return _fast_handler(plan, default)


def _arity(call: Callable[..., Any], cache: dict[Any, int]) -> int:
    count = cache.get(call)
    if count is None:
        count = cache[call] = len(inspect.signature(call).parameters)
    return count


def _fast_handler(plan: _Plan, default: Handler) -> Handler:
    arities: dict[Any, int] = {}

    async def handler(request: Request) -> Response:
        overrides: dict[Any, Any] = getattr(request.app, "dependency_overrides", None) or {}
        kwargs: dict[str, Any] = {}
        for name, call in plan.dependencies:
            chosen = overrides.get(call, call) if overrides else call
            arity = _arity(chosen, arities)
            if arity > 1:
                return await default(request)
            value = chosen(request) if arity == 1 else chosen()
            if inspect.isawaitable(value):
                value = await value
            kwargs[name] = value
        try:
            kwargs[plan.model_name] = plan.model.model_validate(query_values(request, plan.model))
        except ValidationError as exc:
            errors = [
                {**error, "loc": ("query", *error["loc"])}
                for error in exc.errors(include_url=False)
            ]
            raise RequestValidationError(errors) from None
        return await plan.endpoint(**kwargs)

    return handler
