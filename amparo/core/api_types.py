"""Bounded input types for the JSON API. A number past what a database column holds must be
a clear 422, never an overflow deep in the database driver (a 500)."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, PageNumberPagination

MAX_ROW_ID = 2**63 - 1  # a 64-bit primary key
MAX_OFFSET = 10**9  # far past any list, and (offset + limit) stays within 64 bits
MAX_LIMIT = 500

RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


class LimitOffset(LimitOffsetPagination):
    """The default pagination (NINJA_PAGINATION_CLASS): ninja's, with bounded numbers."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PageNumber(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_OFFSET)
        page_size: int | None = Field(None, ge=1, le=MAX_LIMIT)


class ErrorOut(Schema):
    """An error answer's body, where an operation documents it."""

    detail: str
