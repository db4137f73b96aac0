// A real OpenID provider (the npm package oidc-provider) on loopback, for Paraaf's single
// sign-on tests. Usage: node provider.mjs <port> <config.json>
//
// config.json: {"clients": [...oidc-provider client metadata...],
//               "accounts": {"<login>": {"email": ..., "name": ..., "groups": [...], ...}}}
//
// PKCE is required for every client (S256 only). The login and consent pages are the
// package's development interactions: a form with "login" and "password" (any password).
//
// For the refusal tests, POST /_test/modus {"modus": ...} changes what the provider hands out
// next, re-signed with the provider's own key so only the claim under test is wrong:
//   verkeerde_audience  the ID token's aud is another client
//   verlopen            the ID token expired two minutes ago
//   groepen_overlopen   no groups claim, but Entra ID's overage indicator (_claim_names)
//   adfs                the userinfo endpoint answers only {"sub"} (claims are in the ID token)
//   normaal             none of these
import fs from "node:fs";
import * as jose from "jose";
import Provider from "oidc-provider";

const [, , poortTekst, configPad] = process.argv;
const poort = Number(poortTekst);
const config = JSON.parse(fs.readFileSync(configPad, "utf8"));
const issuer = `http://127.0.0.1:${poort}`;

const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
const privateJwk = { ...(await jose.exportJWK(privateKey)), kid: "paraaf-test-1", alg: "RS256", use: "sig" };

let modus = "normaal";

const provider = new Provider(issuer, {
  clients: config.clients,
  jwks: { keys: [privateJwk] },
  pkce: { required: () => true, methods: ["S256"] },
  features: { devInteractions: { enabled: true }, userinfo: { enabled: true } },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
    groups: ["groups"],
    departement: ["departement"],
  },
  // Claims asked for by scope go into the ID token too (as ADFS and Entra ID do).
  conformIdTokenClaims: false,
  cookies: { keys: ["paraaf-test-cookie-key"] },
  async findAccount(ctx, id) {
    const gegevens = config.accounts[id];
    if (!gegevens) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...gegevens }; } };
  },
});

async function herteken(idToken, wijzig) {
  const inhoud = jose.decodeJwt(idToken);
  wijzig(inhoud);
  return new jose.SignJWT(inhoud).setProtectedHeader({ alg: "RS256", kid: privateJwk.kid, typ: "JWT" }).sign(privateKey);
}

provider.use(async (ctx, next) => {
  if (ctx.path === "/_test/modus" && ctx.method === "POST") {
    const delen = [];
    for await (const deel of ctx.req) delen.push(deel);
    modus = JSON.parse(Buffer.concat(delen).toString("utf8")).modus;
    ctx.body = { modus };
    return;
  }
  await next();
  if (ctx.path === "/token" && ctx.body && ctx.body.id_token) {
    const nu = Math.floor(Date.now() / 1000);
    if (modus === "verkeerde_audience") {
      ctx.body.id_token = await herteken(ctx.body.id_token, (c) => { c.aud = "een-andere-dienst"; delete c.azp; });
    } else if (modus === "verlopen") {
      ctx.body.id_token = await herteken(ctx.body.id_token, (c) => { c.iat = nu - 3720; c.exp = nu - 120; });
    } else if (modus === "groepen_overlopen") {
      ctx.body.id_token = await herteken(ctx.body.id_token, (c) => {
        delete c.groups;
        c._claim_names = { groups: "src1" };
        c._claim_sources = { src1: { endpoint: "https://graph.microsoft.com/v1.0/users/x/getMemberObjects" } };
      });
    }
  }
  if (ctx.path === "/me" && ctx.body && typeof ctx.body === "object") {
    if (modus === "adfs") ctx.body = { sub: ctx.body.sub };
    if (modus === "groepen_overlopen") delete ctx.body.groups;
  }
});

provider.listen(poort, "127.0.0.1", () => {
  console.log(`oidc-provider luistert op ${issuer}`);
});
