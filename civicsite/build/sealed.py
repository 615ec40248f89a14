"""Cache files that cannot run code: every file the build cache keeps is sealed with a keyed
BLAKE2b MAC, and a file whose seal does not verify is refused unread.

The build cache holds pickles (page parses, the last build's state) and Jinja's compiled
templates (marshalled code objects, which Jinja runs). Both formats run code when read, so
whoever could write the cache folder could run commands in the next build (a poisoned CI cache
restored into the deploy job). A file is therefore trusted only when its MAC, made with a key
that lives outside the cache folder (and outside any CI cache), verifies over its bytes and
the place it belongs to (the cache and content folders): a damaged file, a cache copied from
another project or written with another key, and a crafted file all fail the check and are
never unpickled or unmarshalled. As a second wall, pickles are read by an unpickler that
builds only civicsite's dataclasses and a few plain types, and calls no function.

The key: ``CIVICSITE_CACHE_KEY`` (at least 32 characters; a CI secret), else the file
``civicsite/cache-key`` in the user's configuration folder (``$XDG_CONFIG_HOME`` or
``~/.config``), made on first use, readable by its owner only.
"""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import io
import os
from pathlib import Path
import pickle
import stat
from typing import Any, Optional

from civicsite.core.messages import _

KEY_ENV = "CIVICSITE_CACHE_KEY"
MIN_SECRET = 32           # characters of a CIVICSITE_CACHE_KEY
KEY_BYTES = 32
MAGIC = b"civicsite sealed cache 1\n"
MAC_BYTES = 32


class Refused(Exception):
    """A cache file that this computer's builds did not write for this place: not read."""


class KeyProblem(Exception):
    """No key can be had (the message says why): the build keeps no cache."""


def key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "civicsite" / "cache-key"


def cache_key() -> bytes:
    """The key that seals the cache (see the module docstring); KeyProblem if there is none."""
    secret = os.environ.get(KEY_ENV, "").strip()
    if secret:
        if len(secret) < MIN_SECRET:
            raise KeyProblem(_("{name} is shorter than {n} characters", name=KEY_ENV,
                               n=MIN_SECRET))
        return hashlib.blake2b(secret.encode("utf-8"), digest_size=KEY_BYTES,
                               person=b"civicsite-key").digest()
    path = key_file()
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    try:
        return _make_key(path)
    except OSError as exc:
        raise KeyProblem(f"{path}: {exc.strerror or exc}") from None


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        # a key others could read or replace would let them seal a cache this build trusts
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            raise KeyProblem(_("{path} must be a file that only its owner can read and write "
                               "(chmod 600)", path=path))
        text = os.read(fd, 256).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyProblem(_("{path} does not hold a key (64 hexadecimal digits); delete it",
                           path=path))
    return key


def _make_key(path: Path) -> bytes:
    """A new random key, written whole under a temporary name and linked into place, so that
    builds starting at the same moment agree on one key."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, os.urandom(KEY_BYTES).hex().encode("ascii") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)
    except FileExistsError:  # another build made one first: use that one
        pass
    finally:
        os.unlink(tmp)
    return _read_key(path)


class Seal:
    """Seals and opens the files of one cache folder with one key; ``context`` names the place
    the files belong to, so a cache copied from elsewhere does not open."""

    def __init__(self, key: bytes, context: str):
        self._key = key
        self._context = context.encode("utf-8", "surrogatepass")

    def _mac(self, payload) -> bytes:
        h = hashlib.blake2b(key=self._key, digest_size=MAC_BYTES, person=b"civicsite-cache")
        h.update(len(self._context).to_bytes(8, "little") + self._context)
        h.update(payload)
        return h.digest()

    def seal(self, payload: bytes) -> bytes:
        return MAGIC + self._mac(payload) + payload

    def open(self, data: bytes) -> memoryview:
        """The payload of a sealed file's bytes; Refused unless the seal verifies."""
        head = len(MAGIC) + MAC_BYTES
        if len(data) < head or not data.startswith(MAGIC):
            raise Refused()
        payload = memoryview(data)[head:]
        if not hmac.compare_digest(data[len(MAGIC):head], self._mac(payload)):
            raise Refused()
        return payload

    def write(self, path: Path, payload: bytes) -> None:
        """Written beside, then renamed: a reader sees the old file or the new one. The file
        beside is made new (a link planted under its name is not followed)."""
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC)
            f.write(self._mac(payload))
            f.write(payload)
        os.replace(tmp, path)

    def read(self, path: Path) -> Optional[memoryview]:
        """The payload of a sealed file, None if there is none; Refused if it is not sealed
        with this key for this place."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return self.open(data)


def dump(seal: Seal, path: Path, value: Any) -> None:
    seal.write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def load(seal: Seal, path: Path) -> Any:
    """The value of a sealed pickle, None if there is none; Refused if the seal fails or the
    pickle names anything but the allowed types."""
    payload = seal.read(path)
    if payload is None:
        return None
    try:
        return _Unpickler(io.BytesIO(payload)).load()
    except _NotAllowed:
        raise Refused() from None
    except Exception:  # sealed here, by another version of civicsite (a class it names is gone)
        return None


# what a cache pickle may build besides civicsite's dataclasses: plain values only
PLAIN = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
         ("datetime", "timedelta"), ("datetime", "timezone"),
         ("pathlib", "PurePosixPath"), ("pathlib", "PosixPath"),
         ("builtins", "set"), ("builtins", "frozenset")}


class _NotAllowed(pickle.UnpicklingError):
    pass


class _Unpickler(pickle.Unpickler):
    """Builds civicsite's dataclasses and the PLAIN types, nothing else: no function (os.system,
    eval, getattr …) can be named, so a pickle cannot call one."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in PLAIN:
            return super().find_class(module, name)
        if module.startswith("civicsite.") and name.isidentifier():
            found = super().find_class(module, name)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise _NotAllowed(f"{module}.{name} is not allowed in the build cache")
