"""Field-level encryption of personal data with AES-256-GCM, and blind indexes for lookups.

A token has the form `v1.<key id>.<base64url of nonce + ciphertext + tag>`. The key id
beside the ciphertext lets keys rotate: new values use the active key, and values written
under an older key still decrypt as long as that key stays configured. The purpose (for
example `employees.name`) is the associated data, so a token copied into another column
fails to decrypt.

A blind index is an HMAC-SHA256 of a normalised value. It lets the database find a row
by e-mail or chat user id without decrypting every row. Its key must never change while
indexed rows exist, so it comes from a dedicated index key, or else from the first key
listed (documented at `FieldCipher`), never from the active key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import stat
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

logger = logging.getLogger(__name__)

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96 bits, the nonce size GCM is specified for (NIST SP 800-38D)
TOKEN_VERSION = "v1"
KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")

KEYS_VARIABLE = "VAKTBOT_ENCRYPTION_KEYS"
ACTIVE_KEY_VARIABLE = "VAKTBOT_ACTIVE_KEY_ID"
INDEX_KEY_VARIABLE = "VAKTBOT_BLIND_INDEX_KEY"

_INDEX_KEY_INFO = b"vaktbot blind index v1:"


class KeyProblem(StrEnum):
    """The kind of key configuration problem, for callers that word their own message."""

    VARIABLE_MISSING = "variable_missing"  # details: variable
    ENTRY_WITHOUT_ID = "entry_without_id"  # details: key
    DUPLICATE_KEY_ID = "duplicate_key_id"  # details: key
    NOT_BASE64 = "not_base64"  # details: key
    WRONG_KEY_LENGTH = "wrong_key_length"  # details: key, length
    NO_KEYS = "no_keys"
    INVALID_KEY_ID = "invalid_key_id"  # details: key
    UNKNOWN_ACTIVE_KEY = "unknown_active_key"  # details: key, known
    KEY_FILE_READABLE_BY_OTHERS = "key_file_readable_by_others"  # details: path, mode
    KEY_FILE_INVALID = "key_file_invalid"  # details: path
    MIGRATION_WITHOUT_KEY = "migration_without_key"  # details: count


class KeyConfigurationError(ValueError):
    """Missing or invalid encryption key configuration. The message includes the fix.

    `problem` and `details` carry the same facts for a caller that shows the user a
    translated message instead of this English one.
    """

    def __init__(self, message: str, problem: KeyProblem, **details: str | int) -> None:
        super().__init__(message)
        self.problem = problem
        self.details = details


class DecryptionError(Exception):
    """A token could not be decrypted: wrong or unknown key, wrong purpose, or tampering."""


class FieldCipher:
    """Encrypts and decrypts personal fields, and computes their blind indexes.

    `keys` maps key ids to 32-byte keys and must contain `active_key_id`. Blind indexes
    use `index_key` when given, otherwise the first key of `keys`. Rotating keys therefore
    means adding the new key at the end and making it active, while the first key stays
    listed or its bytes are passed as `index_key`.
    """

    def __init__(
        self, keys: Mapping[str, bytes], active_key_id: str, *, index_key: bytes | None = None
    ) -> None:
        _check_keys(keys, active_key_id)
        self._ciphers = {key_id: AESGCM(key) for key_id, key in keys.items()}
        self._active_key_id = active_key_id
        root_index_key = index_key if index_key is not None else next(iter(keys.values()))
        _check_key_length("the blind index key", root_index_key, "index")
        self._index_root_key = root_index_key
        self._index_keys: dict[str, bytes] = {}

    @property
    def active_key_id(self) -> str:
        return self._active_key_id

    @classmethod
    def from_environment(cls, environment: Mapping[str, str] | None = None) -> FieldCipher:
        """Build a cipher from VAKTBOT_ENCRYPTION_KEYS and VAKTBOT_ACTIVE_KEY_ID.

        VAKTBOT_ENCRYPTION_KEYS lists `id:base64key` pairs separated by commas, and
        VAKTBOT_BLIND_INDEX_KEY optionally gives a base64 key for blind indexes.
        """
        source = os.environ if environment is None else environment
        keys = parse_key_list(_required_variable(source, KEYS_VARIABLE))
        active_key_id = _required_variable(source, ACTIVE_KEY_VARIABLE).strip()
        index_key_text = source.get(INDEX_KEY_VARIABLE, "").strip()
        index_key = None
        if index_key_text:
            index_key = _decode_key(INDEX_KEY_VARIABLE, index_key_text, INDEX_KEY_VARIABLE)
        return cls(keys, active_key_id, index_key=index_key)

    def encrypt(self, text: str, purpose: str) -> str:
        """Encrypt `text` under the active key with a fresh nonce, bound to `purpose`."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        cipher = self._ciphers[self._active_key_id]
        sealed = cipher.encrypt(nonce, text.encode("utf-8"), _associated_data(purpose))
        encoded = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
        return f"{TOKEN_VERSION}.{self._active_key_id}.{encoded}"

    def decrypt(self, token: str, purpose: str) -> str:
        """Decrypt a token made by `encrypt` for the same purpose, under any configured key.

        Raises DecryptionError for a malformed token, an unknown key id, a token made for
        another purpose, a wrong key or a changed ciphertext.
        """
        key_id, payload = _split_token(token)
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise DecryptionError(f"no key with id {key_id!r} is configured")
        nonce, sealed = payload[:NONCE_BYTES], payload[NONCE_BYTES:]
        try:
            plaintext = cipher.decrypt(nonce, sealed, _associated_data(purpose))
        except InvalidTag:
            raise DecryptionError(
                f"token under key {key_id!r} failed authentication for purpose {purpose!r}"
            ) from None
        return plaintext.decode("utf-8")

    def key_id_of(self, token: str) -> str:
        """Return the id of the key a token was encrypted with, without decrypting it."""
        key_id, _payload = _split_token(token)
        return key_id

    def blind_index(self, value: str, purpose: str) -> str:
        """Return the hex HMAC-SHA256 of `value` under a key derived for `purpose`.

        The caller normalises the value first (for example case-folds an e-mail), because
        the index matches only identical input.
        """
        key = self._index_key(purpose)
        return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    def _index_key(self, purpose: str) -> bytes:
        key = self._index_keys.get(purpose)
        if key is None:
            derivation = HKDF(
                algorithm=hashes.SHA256(),
                length=KEY_BYTES,
                salt=None,
                info=_INDEX_KEY_INFO + purpose.encode("utf-8"),
            )
            key = derivation.derive(self._index_root_key)
            self._index_keys[purpose] = key
        return key


def generate_key() -> bytes:
    """Return a new random 32-byte key."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def encode_key(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def parse_key_list(text: str) -> dict[str, bytes]:
    """Parse `id:base64key,id:base64key` into a mapping, in the order listed."""
    keys: dict[str, bytes] = {}
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        key_id, separator, encoded = entry.partition(":")
        key_id = key_id.strip()
        if not separator:
            raise KeyConfigurationError(
                f"{KEYS_VARIABLE}: entry for key {key_id!r} has no ':'; "
                "write each key as id:base64key, separated by commas",
                KeyProblem.ENTRY_WITHOUT_ID,
                key=key_id,
            )
        if key_id in keys:
            raise KeyConfigurationError(
                f"{KEYS_VARIABLE}: key id {key_id!r} is listed twice",
                KeyProblem.DUPLICATE_KEY_ID,
                key=key_id,
            )
        keys[key_id] = _decode_key(f"{KEYS_VARIABLE} key {key_id!r}", encoded.strip(), key_id)
    return keys


def load_or_create_key_file(path: str | os.PathLike[str]) -> FieldCipher:
    """Load the key file at `path`, creating it with one new key and mode 0600 if missing.

    The file is JSON: `{"active_key_id": "k1", "keys": {"k1": "<base64>"}}`, with an
    optional `"index_key"`. It is meant for the demo and development. Production reads
    its keys from the environment (`FieldCipher.from_environment`).
    """
    key_path = Path(path)
    try:
        _create_key_file(key_path)
        logger.info("created a new key file at %s", key_path)
    except FileExistsError:
        pass
    return _read_key_file(key_path)


def _create_key_file(key_path: Path) -> None:
    content = json.dumps({"active_key_id": "k1", "keys": {"k1": encode_key(generate_key())}})
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as key_file:
        key_file.write(content + "\n")


def _read_key_file(key_path: Path) -> FieldCipher:
    _check_owner_only(key_path)
    content = _parse_key_file(key_path)
    keys = {
        str(key_id): _decode_key(f"key {key_id!r} in {key_path}", str(encoded), str(key_id))
        for key_id, encoded in dict(content["keys"]).items()
    }
    encoded_index_key = content.get("index_key")
    index_key = None
    if encoded_index_key:
        index_key = _decode_key(f"index_key in {key_path}", str(encoded_index_key), "index_key")
    return FieldCipher(keys, str(content["active_key_id"]), index_key=index_key)


def _check_owner_only(key_path: Path) -> None:
    mode = stat.S_IMODE(key_path.stat().st_mode)
    if mode & 0o077:
        raise KeyConfigurationError(
            f"key file {key_path} is readable by other users (mode {mode:04o}); "
            f"run: chmod 600 {key_path}",
            KeyProblem.KEY_FILE_READABLE_BY_OTHERS,
            path=str(key_path),
            mode=f"{mode:04o}",
        )


def _parse_key_file(key_path: Path) -> dict[str, Any]:
    try:
        content = json.loads(key_path.read_text(encoding="utf-8"))
        if not isinstance(content, dict) or not isinstance(content.get("keys"), dict):
            raise ValueError("'keys' is not an object")
        if "active_key_id" not in content:
            raise ValueError("'active_key_id' is missing")
    except ValueError as error:
        raise KeyConfigurationError(
            f"key file {key_path} is not valid JSON with 'active_key_id' and 'keys': {error}",
            KeyProblem.KEY_FILE_INVALID,
            path=str(key_path),
        ) from None
    return content


def _required_variable(source: Mapping[str, str], name: str) -> str:
    value = source.get(name, "")
    if not value.strip():
        raise KeyConfigurationError(
            f"{name} is not set; set {KEYS_VARIABLE} to 'k1:<base64 of 32 random bytes>' "
            f"and {ACTIVE_KEY_VARIABLE} to 'k1' (generate a key with: "
            "python -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')",
            KeyProblem.VARIABLE_MISSING,
            variable=name,
        )
    return value


def _decode_key(label: str, encoded: str, key_name: str) -> bytes:
    """Decode a base64 key. `label` names its source in the message, `key_name` is its id."""
    try:
        key = base64.b64decode(encoded, validate=True)
    except ValueError:  # binascii.Error is a ValueError
        raise KeyConfigurationError(
            f"{label} is not valid base64", KeyProblem.NOT_BASE64, key=key_name
        ) from None
    _check_key_length(label, key, key_name)
    return key


def _check_key_length(label: str, key: bytes, key_name: str) -> None:
    if len(key) != KEY_BYTES:
        raise KeyConfigurationError(
            f"{label} is {len(key)} bytes long; AES-256 needs exactly {KEY_BYTES} bytes",
            KeyProblem.WRONG_KEY_LENGTH,
            key=key_name,
            length=len(key),
        )


def _check_keys(keys: Mapping[str, bytes], active_key_id: str) -> None:
    if not keys:
        raise KeyConfigurationError("no encryption keys are configured", KeyProblem.NO_KEYS)
    for key_id, key in keys.items():
        if not KEY_ID_PATTERN.fullmatch(key_id):
            raise KeyConfigurationError(
                f"key id {key_id!r} is invalid; use 1–32 letters, digits, '-' or '_'",
                KeyProblem.INVALID_KEY_ID,
                key=key_id,
            )
        _check_key_length(f"key {key_id!r}", key, key_id)
    if active_key_id not in keys:
        raise KeyConfigurationError(
            f"active key id {active_key_id!r} is not among the configured keys "
            f"({', '.join(sorted(keys))})",
            KeyProblem.UNKNOWN_ACTIVE_KEY,
            key=active_key_id,
            known=", ".join(sorted(keys)),
        )


def _split_token(token: str) -> tuple[str, bytes]:
    version, _, rest = token.partition(".")
    key_id, _, encoded = rest.partition(".")
    if version != TOKEN_VERSION or not key_id or not encoded:
        raise DecryptionError("value is not an encrypted token of format v1")
    try:
        payload = base64.urlsafe_b64decode(encoded.encode("ascii"))
    except ValueError:  # binascii.Error and UnicodeEncodeError are both ValueErrors
        raise DecryptionError(f"token under key {key_id!r} is not valid base64") from None
    if len(payload) <= NONCE_BYTES:
        raise DecryptionError(f"token under key {key_id!r} is too short")
    return key_id, payload


def _associated_data(purpose: str) -> bytes:
    return f"vaktbot:{TOKEN_VERSION}:{purpose}".encode()
