"""What may be linked to and which files may be published: the checks that keep output safe."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

WEB_SCHEMES = ("https", "http")
LINK_SCHEMES = WEB_SCHEMES + ("mailto", "tel")


def link_problem(link: str, *, web_only: bool = False) -> str | None:
    """Why a link is unsafe or malformed, or None when it is fine.

    Allowed: https/http addresses with a host, mailto: and tel: (unless ``web_only``), and relative
    paths that stay inside the project. Anything else (javascript:, data:, file:, ``//host``) is refused.
    """
    cleaned = "".join(link.split())  # browsers ignore whitespace inside schemes: "java script:"
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # an unclosed "[" where an IPv6 host would be: https://[oops/x
        return f"link {link!r} is not a valid address (check the part after '//')"
    allowed = WEB_SCHEMES if web_only else LINK_SCHEMES
    if parts.scheme:
        if parts.scheme.lower() not in allowed:
            return f"link scheme {parts.scheme + ':'!r} is not allowed (allowed: {', '.join(s + ':' for s in allowed)})"
        if parts.scheme.lower() in WEB_SCHEMES and not parts.netloc:
            return f"web address {link!r} has no host"
        return None
    if web_only:
        return f"{link!r} is not a web address"
    if parts.netloc or cleaned.startswith(("/", "\\")):
        return f"link {link!r} must be relative to the site, or a full https:// address"
    if ".." in PurePosixPath(parts.path).parts:
        return f"link {link!r} leaves the site folder"
    return None


def evidence_path_problem(data_dir: Path, relative: str) -> str | None:
    """Why an evidence file path is unusable (escapes the data folder, missing), or None."""
    if "\0" in relative:
        return f"evidence path {relative!r} contains a NUL character; write the file's name as it appears in the folder"
    candidate = PurePosixPath(relative.replace("\\", "/"))
    if candidate.is_absolute() or relative.startswith(("/", "\\")) or ":" in candidate.parts[0]:
        return f"evidence path {relative!r} must be relative to the data folder"
    if ".." in candidate.parts:
        return f"evidence path {relative!r} leaves the data folder"
    full = data_dir / candidate
    try:
        resolved = full.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        return f"evidence file {relative!r} not found in {data_dir.name}/"
    except (OSError, RuntimeError) as error:  # symlink loops
        return f"evidence file {relative!r} cannot be read: {error}"
    if not resolved.is_relative_to(data_dir.resolve()):
        return f"evidence path {relative!r} is a link to a file outside the data folder"
    if not resolved.is_file():
        return f"evidence path {relative!r} is not a file"
    return None
