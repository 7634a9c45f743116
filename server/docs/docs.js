// kamflow API docs page: renders /api/openapi.json and lets a signed-in user try each route.
// Served from /api/docs/docs.js (no inline script, so the Content Security Policy stays strict).

const TEXT = {
  "zh-CN": {
    title: "kamflow 接口文档",
    email: "邮箱",
    password: "密码",
    signIn: "登录",
    signedIn: "已登录：",
    signInFailed: "登录失败",
    tryIt: "试一试",
    send: "发送",
    request: "请求体",
    responses: "响应",
    parameters: "参数",
    noAuth: "无需登录",
    loading: "加载中…",
    error: "加载失败",
  },
  en: {
    title: "kamflow API",
    email: "E-mail",
    password: "Password",
    signIn: "Sign in",
    signedIn: "Signed in: ",
    signInFailed: "Sign-in failed",
    tryIt: "Try it",
    send: "Send",
    request: "Request body",
    responses: "Responses",
    parameters: "Parameters",
    noAuth: "No sign-in needed",
    loading: "Loading…",
    error: "Could not load",
  },
};
const lang = (navigator.language || "zh-CN").toLowerCase().startsWith("zh") ? "zh-CN" : "en";
const t = (key) => TEXT[lang][key];
let csrf = "";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children)
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function resolve(doc, schema) {
  if (schema?.$ref) {
    let at = doc;
    for (const token of schema.$ref.slice(2).split("/")) at = at[token];
    return at;
  }
  return schema;
}

function operationView(doc, path, method, op) {
  const body = el("div", { class: "body" });
  if (op.description) body.append(el("p", {}, op.description));
  if (op.security && op.security.length === 0)
    body.append(el("p", { class: "summary" }, t("noAuth")));
  const inputs = {};
  if (op.parameters?.length) {
    body.append(el("h4", {}, t("parameters")));
    for (const p of op.parameters) {
      const input = el("input", { name: p.name, placeholder: p.in });
      inputs[p.name] = { input, where: p.in };
      body.append(el("label", {}, `${p.name} (${p.in}) `, input));
    }
  }
  let textarea;
  if (op.requestBody) {
    const schema = resolve(doc, op.requestBody.content["application/json"].schema);
    body.append(el("h4", {}, t("request")), el("pre", {}, JSON.stringify(schema, null, 2)));
    textarea = el("textarea", { "aria-label": t("request") }, "{}");
  }
  body.append(el("h4", {}, t("responses")));
  for (const [status, response] of Object.entries(op.responses))
    body.append(el("div", {}, `${status} — ${response.description}`));
  const out = el("pre", { class: "hidden", "aria-live": "polite" });
  const send = async () => {
    let url = path;
    const query = new URLSearchParams();
    const headers = { "accept-language": lang };
    for (const [name, { input, where }] of Object.entries(inputs)) {
      if (!input.value) continue;
      if (where === "path") url = url.replace(`{${name}}`, encodeURIComponent(input.value));
      else if (where === "query") query.set(name, input.value);
      else headers[name] = input.value;
    }
    if (query.size) url += `?${query}`;
    if (csrf && method !== "get") headers["x-csrf-token"] = csrf;
    if (textarea) headers["content-type"] = "application/json";
    const res = await fetch(url, {
      method: method.toUpperCase(),
      headers,
      body: textarea ? textarea.value : undefined,
      credentials: "same-origin",
    });
    const text = await res.text();
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* not JSON */
    }
    out.textContent = `${res.status} ${res.statusText}\n\n${shown}`;
    out.classList.remove("hidden");
  };
  const tryIt = el(
    "div",
    {},
    ...(textarea ? [textarea] : []),
    el("button", { class: "primary", type: "button", onclick: send }, t("send")),
    out,
  );
  body.append(el("h4", {}, t("tryIt")), tryIt);
  return el(
    "details",
    {},
    el(
      "summary",
      {},
      el("span", { class: `method ${method}` }, method),
      el("span", { class: "path" }, path),
      el("span", { class: "summary" }, op.summary || ""),
    ),
    body,
  );
}

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const res = await fetch("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": lang },
    body: JSON.stringify({ email: form.email.value, password: form.password.value }),
  });
  const body = await res.json();
  const status = document.getElementById("who");
  if (res.ok) {
    csrf = body.csrfToken;
    status.textContent = `${t("signedIn")}${body.user.email} (${body.role})`;
  } else {
    status.textContent = `${t("signInFailed")}: ${body.detail}`;
  }
}

async function main() {
  document.title = t("title");
  const header = el(
    "header",
    {},
    el("h1", {}, t("title")),
    el(
      "form",
      { onsubmit: signIn },
      el("input", {
        name: "email",
        type: "email",
        placeholder: t("email"),
        "aria-label": t("email"),
        autocomplete: "username",
      }),
      el("input", {
        name: "password",
        type: "password",
        placeholder: t("password"),
        "aria-label": t("password"),
        autocomplete: "current-password",
      }),
      el("button", { type: "submit" }, t("signIn")),
    ),
    el("span", { id: "who", "aria-live": "polite" }),
  );
  const main = el("main", {}, t("loading"));
  document.body.append(header, main);
  try {
    const doc = await (await fetch("/api/openapi.json")).json();
    main.textContent = "";
    main.append(el("p", {}, doc.info.description));
    const byTag = new Map();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const tag = op.tags?.[0] || "other";
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(operationView(doc, path, method, op));
      }
    }
    for (const [tag, views] of byTag) main.append(el("h2", {}, tag), ...views);
  } catch (error) {
    main.textContent = `${t("error")}: ${error}`;
  }
}

main();
