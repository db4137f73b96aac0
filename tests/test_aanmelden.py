"""The ID token checks and the claims of app.aanmelden, with tokens signed here (the browser
test, tests/web/test_oidc.py, runs the whole flow against a real provider). Every way an ID
token can be wrong is refused; a right one is accepted."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, OctKey, RSAKey

from app import aanmelden
from app.config import Settings

ISSUER = "https://login.rijksoverheid.example/"
CLIENT = "paraaf"
NONCE = "nonce-123"


@pytest.fixture
def sleutel(monkeypatch):
    rsa = RSAKey.generate_key(2048, parameters={"kid": "k1", "alg": "RS256", "use": "sig"})
    monkeypatch.setattr(aanmelden, "sleutels", lambda settings, vers=False: KeySet([rsa]))
    return rsa


def _settings(**extra) -> Settings:
    return Settings(oidc_issuer=ISSUER, oidc_client_id=CLIENT, oidc_client_secret="s", **extra)


def _claims(**anders) -> dict:
    nu = int(time.time())
    basis = {"iss": ISSUER, "sub": "u1", "aud": CLIENT, "exp": nu + 600, "iat": nu, "nonce": NONCE, "email": "a@b.nl"}
    basis.update(anders)
    return {k: v for k, v in basis.items() if v is not None}


def _token(sleutel, claims: dict, alg: str = "RS256") -> str:
    return jwt.encode({"alg": alg, "kid": "k1"}, claims, sleutel, algorithms=[alg])


def test_een_goed_id_token_wordt_aanvaard(sleutel):
    claims = aanmelden.controleer_id_token(_settings(), _token(sleutel, _claims()), nonce=NONCE, access_token=None)
    assert claims["sub"] == "u1" and claims["email"] == "a@b.nl"
    # aud as a list with our client and azp naming us: fine too.
    meer = _claims(aud=[CLIENT, "ander"], azp=CLIENT)
    assert aanmelden.controleer_id_token(_settings(), _token(sleutel, meer), nonce=NONCE, access_token=None)["sub"] == "u1"


@pytest.mark.parametrize(
    "anders",
    [
        {"iss": "https://andere-provider.example/"},
        {"aud": "een-andere-dienst"},
        {"aud": ["een-andere-dienst"]},
        {"aud": [CLIENT, "ander"], "azp": "ander"},  # issued to another party
        {"aud": [CLIENT, "ander"]},  # several audiences, no azp
        {"exp": int(time.time()) - 3600},
        {"exp": None},
        {"iat": None},
        {"sub": None},
        {"nonce": "een-ander"},
        {"nonce": None},
        {"nbf": int(time.time()) + 3600},
    ],
)
def test_elke_fout_in_de_claims_wordt_geweigerd(sleutel, anders):
    with pytest.raises(aanmelden.Geweigerd):
        aanmelden.controleer_id_token(_settings(), _token(sleutel, _claims(**anders)), nonce=NONCE, access_token=None)


def test_handtekening_en_algoritme(sleutel):
    vreemd = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    for token in (
        _token(vreemd, _claims()),  # signed by someone else
        _token(OctKey.import_key(b"gedeeld-geheim-" * 4), _claims(), alg="HS256"),  # a shared secret: never
        _token(sleutel, _claims())[:-4] + "AAAA",  # tampered signature
    ):
        with pytest.raises(aanmelden.Geweigerd):
            aanmelden.controleer_id_token(_settings(), token, nonce=NONCE, access_token=None)
    # alg "none": an unsigned token.
    import base64
    import json

    def b64(d):
        return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()

    with pytest.raises(aanmelden.Geweigerd):
        aanmelden.controleer_id_token(_settings(), f"{b64({'alg': 'none'})}.{b64(_claims())}.", nonce=NONCE, access_token=None)


def test_at_hash_moet_kloppen(sleutel):
    from authlib.oidc.core.util import create_half_hash

    goed = create_half_hash("het-access-token", "RS256").decode()
    token = _token(sleutel, _claims(at_hash=goed))
    assert aanmelden.controleer_id_token(_settings(), token, nonce=NONCE, access_token="het-access-token")
    with pytest.raises(aanmelden.Geweigerd):
        aanmelden.controleer_id_token(_settings(), token, nonce=NONCE, access_token="een-ander-token")


def test_terug_weigert_zonder_code_uitwisseling():
    """State, error and issuer are checked before anything is sent to the provider."""
    s = _settings()
    toestand = {"state": "abc", "nonce": NONCE, "verifier": "v" * 64}
    gevallen = [
        ({"code": "c", "state": "abc"}, None, 400),  # no cookie
        ({"code": "c", "state": "xyz"}, toestand, 400),
        ({"code": "c"}, toestand, 400),
        ({"error": "access_denied", "state": "abc"}, toestand, 401),
        ({"code": "c", "state": "abc", "iss": "https://ander.example/"}, toestand, 400),
        ({"state": "abc"}, toestand, 400),
    ]
    for params, t, status in gevallen:
        with pytest.raises(aanmelden.Geweigerd) as fout:
            aanmelden.terug(s, params, t)
        assert fout.value.status == status, params


def test_groepen_en_rollen():
    s = _settings(oidc_rollen={"g-afst": ["afstemmer"], "g-dir": ["parafeerder:directeur"]}, oidc_departement_claim="dep")
    g = aanmelden.persoonsgegevens(s, {"sub": "1", "email": " a@b.nl ", "groups": ["g-afst", "g-dir", "x"], "dep": "VRO"})
    assert g.email == "a@b.nl" and g.departement == "VRO"
    assert aanmelden.rollen_uit_groepen(s, g.groepen) == (["afstemmer", "parafeerder"], "directeur")
    # Entra ID's overage: no groups claim, an indicator instead. Absent is not empty.
    te_veel = aanmelden.persoonsgegevens(s, {"sub": "1", "_claim_names": {"groups": "src1"}, "_claim_sources": {}})
    assert te_veel.groepen is None
    assert aanmelden.persoonsgegevens(s, {"sub": "1"}).groepen is None
    assert aanmelden.persoonsgegevens(s, {"sub": "1", "groups": []}).groepen == []
    assert aanmelden.persoonsgegevens(s, {"sub": "1", "groups": "enkel"}).groepen == ["enkel"]
    ander = _settings(oidc_email_claim="preferred_username")
    assert aanmelden.persoonsgegevens(ander, {"sub": "1", "preferred_username": "p@b.nl", "email": "x@y.nl"}).email == "p@b.nl"


def test_es256_sleutel_voor_private_key_jwt(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    assert aanmelden._is_ec(pem)
    assert isinstance(ECKey.import_key(pem), ECKey)
