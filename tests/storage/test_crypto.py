"""Field encryption, key rotation, tamper detection, blind indexes and key configuration."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.crypto import (
    DecryptionError,
    FieldCipher,
    KeyConfigurationError,
    KeyProblem,
    encode_key,
    generate_key,
    load_or_create_key_file,
)

NAME = "Kari Nordmann"
PURPOSE = "employees.name"


def test_encrypt_round_trip(cipher: FieldCipher) -> None:
    """A value decrypts to the text that was encrypted, Norwegian letters included."""
    token = cipher.encrypt("Åse Ødegård", PURPOSE)

    assert cipher.decrypt(token, PURPOSE) == "Åse Ødegård"


def test_token_carries_key_id_and_hides_plaintext(cipher: FieldCipher) -> None:
    """The token starts with the format version and key id and does not contain the text."""
    token = cipher.encrypt(NAME, PURPOSE)

    assert token.startswith("v1.test.")
    assert NAME not in token
    assert "Kari" not in token


def test_same_text_gets_fresh_nonce(cipher: FieldCipher) -> None:
    """Two encryptions of the same text differ, so equal values are not visible as equal."""
    first = cipher.encrypt(NAME, PURPOSE)
    second = cipher.encrypt(NAME, PURPOSE)

    assert first != second
    assert decoded_payload(first)[:12] != decoded_payload(second)[:12]


def test_token_bound_to_purpose(cipher: FieldCipher) -> None:
    """A token moved to another column fails to decrypt."""
    token = cipher.encrypt(NAME, "employees.name")

    with pytest.raises(DecryptionError, match=r"employees\.email"):
        cipher.decrypt(token, "employees.email")


def test_rotation_old_key_still_decrypts() -> None:
    """After rotation, values under the old key decrypt and new values use the new key."""
    old_key, new_key = generate_key(), generate_key()
    before = FieldCipher({"k1": old_key}, "k1")
    old_token = before.encrypt(NAME, PURPOSE)

    after = FieldCipher({"k1": old_key, "k2": new_key}, "k2")
    new_token = after.encrypt(NAME, PURPOSE)

    assert after.decrypt(old_token, PURPOSE) == NAME
    assert after.key_id_of(old_token) == "k1"
    assert after.key_id_of(new_token) == "k2"
    assert after.decrypt(new_token, PURPOSE) == NAME


def test_removed_key_raises() -> None:
    """A token under a key that is no longer configured raises, naming the key id."""
    token = FieldCipher({"k1": generate_key()}, "k1").encrypt(NAME, PURPOSE)
    without_k1 = FieldCipher({"k2": generate_key()}, "k2")

    with pytest.raises(DecryptionError, match="'k1'"):
        without_k1.decrypt(token, PURPOSE)


def test_wrong_key_with_same_id_raises(cipher: FieldCipher) -> None:
    """Another key under the same id fails authentication instead of returning garbage."""
    token = cipher.encrypt(NAME, PURPOSE)
    impostor = FieldCipher({"test": generate_key()}, "test")

    with pytest.raises(DecryptionError, match="failed authentication"):
        impostor.decrypt(token, PURPOSE)


@pytest.mark.parametrize("position", [0, 12, -1], ids=["nonce", "ciphertext", "tag"])
def test_tampered_token_raises(cipher: FieldCipher, position: int) -> None:
    """Flipping one bit of nonce, ciphertext or tag is detected."""
    token = cipher.encrypt(NAME, PURPOSE)
    payload = bytearray(decoded_payload(token))
    payload[position] ^= 0x01
    tampered = "v1.test." + base64.urlsafe_b64encode(bytes(payload)).decode("ascii")

    with pytest.raises(DecryptionError):
        cipher.decrypt(tampered, PURPOSE)


def test_changed_key_id_raises() -> None:
    """Relabelling a token with another configured key id fails authentication."""
    rotated = FieldCipher({"k1": generate_key(), "k2": generate_key()}, "k1")
    token = rotated.encrypt(NAME, PURPOSE)

    with pytest.raises(DecryptionError):
        rotated.decrypt(token.replace("v1.k1.", "v1.k2.", 1), PURPOSE)


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("", id="empty"),
        pytest.param("Kari Nordmann", id="plaintext"),
        pytest.param("v2.test.AAAA", id="unknown-version"),
        pytest.param("v1..AAAA", id="no-key-id"),
        pytest.param("v1.test.", id="no-payload"),
        pytest.param("v1.test.%%%", id="not-base64"),
        pytest.param("v1.test.AAAA", id="too-short"),
        pytest.param("v1.test.øøøø", id="not-ascii"),
    ],
)
def test_malformed_token_raises(cipher: FieldCipher, token: str) -> None:
    """Anything that is not a whole v1 token raises DecryptionError."""
    with pytest.raises(DecryptionError):
        cipher.decrypt(token, PURPOSE)


def test_blind_index_is_deterministic(cipher: FieldCipher) -> None:
    """The same value and purpose give the same index, a 64-digit hex string."""
    first = cipher.blind_index("kari.nordmann@nordvik.example", "employees.email")
    second = cipher.blind_index("kari.nordmann@nordvik.example", "employees.email")

    assert first == second
    assert len(first) == 64
    assert "kari" not in first


def test_blind_index_differs_by_purpose_and_value(cipher: FieldCipher) -> None:
    """Indexes of different purposes or values do not match."""
    email_index = cipher.blind_index("U123", "employees.email")

    assert cipher.blind_index("U123", "chat_identities.user_id") != email_index
    assert cipher.blind_index("U124", "employees.email") != email_index


def test_blind_index_survives_rotation() -> None:
    """Adding a key and making it active leaves the blind index of a value unchanged."""
    first_key = generate_key()
    before = FieldCipher({"k1": first_key}, "k1")
    after = FieldCipher({"k1": first_key, "k2": generate_key()}, "k2")

    assert after.blind_index("U123", "chat") == before.blind_index("U123", "chat")


def test_blind_index_uses_configured_index_key() -> None:
    """With a dedicated index key, the index no longer depends on the encryption keys."""
    index_key = generate_key()
    first = FieldCipher({"k1": generate_key()}, "k1", index_key=index_key)
    second = FieldCipher({"k9": generate_key()}, "k9", index_key=index_key)

    assert first.blind_index("U123", "chat") == second.blind_index("U123", "chat")


def test_from_environment_reads_keys() -> None:
    """Keys listed as id:base64 pairs are read, and the active key encrypts."""
    listed_keys = f"k1:{encode_key(generate_key())}, k2:{encode_key(generate_key())}"
    environment = {"VAKTBOT_ENCRYPTION_KEYS": listed_keys, "VAKTBOT_ACTIVE_KEY_ID": "k2"}
    cipher = FieldCipher.from_environment(environment)

    assert cipher.active_key_id == "k2"
    assert cipher.key_id_of(cipher.encrypt(NAME, PURPOSE)) == "k2"


def test_from_environment_reads_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an explicit mapping, the process environment is read."""
    monkeypatch.setenv("VAKTBOT_ENCRYPTION_KEYS", f"prod-1:{encode_key(generate_key())}")
    monkeypatch.setenv("VAKTBOT_ACTIVE_KEY_ID", "prod-1")

    assert FieldCipher.from_environment().active_key_id == "prod-1"


KEY_32 = encode_key(bytes(32))
KEY_16 = encode_key(bytes(16))
KEYS = "VAKTBOT_ENCRYPTION_KEYS"
ACTIVE = "VAKTBOT_ACTIVE_KEY_ID"


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({}, "VAKTBOT_ENCRYPTION_KEYS is not set"),
        ({KEYS: f"k1:{KEY_32}"}, "VAKTBOT_ACTIVE_KEY_ID is not set"),
        ({KEYS: f"k1:{KEY_32}", ACTIVE: "  "}, "VAKTBOT_ACTIVE_KEY_ID is not set"),
        ({KEYS: f"k1:{KEY_16}", ACTIVE: "k1"}, "16 bytes long; AES-256 needs exactly 32"),
        ({KEYS: "k1:not base64!", ACTIVE: "k1"}, "not valid base64"),
        ({KEYS: KEY_32, ACTIVE: "k1"}, "has no ':'"),
        ({KEYS: f"k1:{KEY_32}", ACTIVE: "k2"}, "'k2' is not among the configured keys"),
        ({KEYS: f"k.1:{KEY_32}", ACTIVE: "k.1"}, "key id 'k.1' is invalid"),
        ({KEYS: f"k1:{KEY_32},k1:{KEY_32}", ACTIVE: "k1"}, "listed twice"),
        ({KEYS: ",", ACTIVE: "k1"}, "no encryption keys are configured"),
        (
            {KEYS: f"k1:{KEY_32}", ACTIVE: "k1", "VAKTBOT_BLIND_INDEX_KEY": encode_key(bytes(8))},
            "VAKTBOT_BLIND_INDEX_KEY is 8 bytes",
        ),
    ],
    ids=[
        "no-keys",
        "no-active-id",
        "blank-active-id",
        "short-key",
        "bad-base64",
        "no-id",
        "active-not-listed",
        "dot-in-id",
        "duplicate-id",
        "empty-list",
        "short-index-key",
    ],
)
def test_from_environment_rejects_bad_configuration(
    environment: dict[str, str], message: str
) -> None:
    """Missing or invalid key configuration raises an error that says what to fix."""
    with pytest.raises(KeyConfigurationError, match=message):
        FieldCipher.from_environment(environment)


@pytest.mark.parametrize(
    ("environment", "problem", "details"),
    [
        ({KEYS: f"k1:{KEY_32}"}, KeyProblem.VARIABLE_MISSING, {"variable": ACTIVE}),
        (
            {KEYS: f"k1:{KEY_16}", ACTIVE: "k1"},
            KeyProblem.WRONG_KEY_LENGTH,
            {"key": "k1", "length": 16},
        ),
        ({KEYS: "k1:not base64!", ACTIVE: "k1"}, KeyProblem.NOT_BASE64, {"key": "k1"}),
        (
            {KEYS: f"k1:{KEY_32}", ACTIVE: "k2"},
            KeyProblem.UNKNOWN_ACTIVE_KEY,
            {"key": "k2", "known": "k1"},
        ),
        ({KEYS: ",", ACTIVE: "k1"}, KeyProblem.NO_KEYS, {}),
    ],
    ids=["no-active-id", "short-key", "bad-base64", "active-not-listed", "empty-list"],
)
def test_configuration_errors_name_their_problem(
    environment: dict[str, str], problem: KeyProblem, details: dict[str, object]
) -> None:
    """Each key error carries a problem code and its values, for a translated message."""
    with pytest.raises(KeyConfigurationError) as raised:
        FieldCipher.from_environment(environment)

    assert raised.value.problem == problem
    assert raised.value.details == details


def test_key_file_created_with_owner_only_mode(tmp_path: Path) -> None:
    """A missing key file is created with mode 0600 and one 32-byte key."""
    key_path = tmp_path / "vaktbot.key"

    cipher = load_or_create_key_file(key_path)

    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    content = json.loads(key_path.read_text(encoding="utf-8"))
    assert content["active_key_id"] == cipher.active_key_id
    assert len(base64.b64decode(content["keys"][cipher.active_key_id])) == 32


def test_key_file_reused(tmp_path: Path) -> None:
    """A second load reads the same key, so earlier values still decrypt."""
    key_path = tmp_path / "vaktbot.key"
    token = load_or_create_key_file(key_path).encrypt(NAME, PURPOSE)

    assert load_or_create_key_file(key_path).decrypt(token, PURPOSE) == NAME


def test_key_file_readable_by_others_rejected(tmp_path: Path) -> None:
    """A key file that other users can read is refused with the chmod that fixes it."""
    key_path = tmp_path / "vaktbot.key"
    load_or_create_key_file(key_path)
    os.chmod(key_path, 0o644)

    with pytest.raises(KeyConfigurationError, match="chmod 600"):
        load_or_create_key_file(key_path)


@pytest.mark.parametrize(
    "content",
    [
        "k1:abc\n",
        "[]",
        '{"active_key_id": "k1", "keys": ["k1"]}',
        '{"keys": {"k1": "' + KEY_32 + '"}}',
    ],
    ids=["not-json", "not-object", "keys-not-object", "no-active-id"],
)
def test_corrupt_key_file_rejected(tmp_path: Path, content: str) -> None:
    """A key file that is not the expected JSON raises KeyConfigurationError."""
    key_path = tmp_path / "vaktbot.key"
    key_path.write_text(content, encoding="utf-8")
    os.chmod(key_path, 0o600)

    with pytest.raises(KeyConfigurationError, match="not valid JSON"):
        load_or_create_key_file(key_path)


def test_key_file_with_short_key_rejected(tmp_path: Path) -> None:
    """A key file whose key is not 32 bytes raises an error naming the key and the file."""
    key_path = tmp_path / "vaktbot.key"
    key_path.write_text(json.dumps({"active_key_id": "k1", "keys": {"k1": KEY_16}}))
    os.chmod(key_path, 0o600)

    with pytest.raises(KeyConfigurationError, match=r"key 'k1' in .*vaktbot\.key is 16 bytes"):
        load_or_create_key_file(key_path)


SHARED_CIPHER = FieldCipher({"k1": generate_key()}, "k1")


@given(text=st.text(), purpose=st.text(min_size=1, max_size=40))
def test_any_text_round_trips(text: str, purpose: str) -> None:
    """Every string, including empty and non-BMP ones, decrypts to itself."""
    assert SHARED_CIPHER.decrypt(SHARED_CIPHER.encrypt(text, purpose), purpose) == text


@given(first=st.text(max_size=60), second=st.text(max_size=60))
def test_blind_index_equal_only_for_equal_values(first: str, second: str) -> None:
    """Two values share a blind index exactly when they are equal."""
    same_index = SHARED_CIPHER.blind_index(first, "p") == SHARED_CIPHER.blind_index(second, "p")

    assert same_index == (first == second)


def decoded_payload(token: str) -> bytes:
    return base64.urlsafe_b64decode(token.split(".", 2)[2])
