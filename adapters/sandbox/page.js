// Everything shown comes from people (ids, names, titles, texts, labels): it goes in as text
// (textContent, Option), never as HTML; the page's CSP runs no script but this file.
const $ = (id) => document.getElementById(id);
const state = { users: [], lastId: null, chatId: null, replyTo: null, seen: new Map(), photo: null, place: null };
/** The sandbox keeps files up to 1 MB; larger pictures are scaled down here first. */
const MAX_FILE_BYTES = 1048576;
const params = new URLSearchParams(location.search);

async function api(path, body) {
  const res = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}
function userName(id) { return id === 'bot' ? '社区助手' : (state.users.find((u) => u.id === id) || { name: id }).name; }
/** A link the page may open: the sandbox's own files or an http(s) address, never a javascript: URL. */
function safeUrl(url) { return typeof url === 'string' && /^(https?:\/\/|\/sandbox\/api\/files\/)/i.test(url) ? url : null; }

async function loadUsers(select) {
  state.users = (await api('/sandbox/api/users')).users;
  const current = select || $('user').value || params.get('user') || (state.users[0] && state.users[0].id);
  const options = state.users.map((u) => new Option(u.name, u.id));
  if (current && !state.users.some((u) => u.id === current)) options.push(new Option(current, current));
  $('user').replaceChildren(...options);
  if (current) $('user').value = current;
}
async function loadChats() {
  const { chats } = await api('/sandbox/api/chats');
  const me = $('user').value;
  const current = $('chat').value || params.get('chat');
  $('chat').replaceChildren(...chats.map((c) => new Option(c.title, c.id)), new Option('和社区助手私聊', `dm:${me}`));
  if (current && [...$('chat').options].some((o) => o.value === current)) $('chat').value = current;
  switchChat();
}
function switchChat() {
  if (state.chatId === $('chat').value) return;
  state.chatId = $('chat').value; state.lastId = null; state.seen.clear();
  $('messages').replaceChildren(); setReply(null); poll();
}
function setReply(message) {
  state.replyTo = message ? message.id : null;
  $('replying').style.display = message ? 'block' : 'none';
  $('replyText').textContent = message ? `${userName(message.userId)}：${message.text.slice(0, 30)}` : '';
}
function setPending() {
  const parts = [];
  if (state.photo) parts.push(`图片：${state.photo.name}`);
  if (state.place) parts.push(`位置：${state.place.latitude.toFixed(5)}, ${state.place.longitude.toFixed(5)}`);
  $('pending').style.display = parts.length ? 'block' : 'none';
  $('pendingText').textContent = parts.join('；');
}
function dataUrlBytes(url) { return Math.floor((url.length - url.indexOf(',') - 1) * 3 / 4); }
function readAsDataUrl(file) {
  return new Promise((resolve, reject) => { const r = new FileReader(); r.onload = () => resolve(r.result); r.onerror = reject; r.readAsDataURL(file); });
}
/** A picture as a data URL the sandbox keeps: as it is when small enough, else scaled down to JPEG. */
async function pictureData(file) {
  const original = await readAsDataUrl(file);
  if (file.size <= MAX_FILE_BYTES && /^image\/(png|jpeg|gif|webp)$/.test(file.type)) return { data: original, name: file.name };
  const img = new Image();
  await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = original; });
  for (let edge = 1600, quality = 0.85; edge >= 200; edge = Math.round(edge * 0.75), quality = Math.max(0.5, quality - 0.1)) {
    const scale = Math.min(1, edge / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * scale); canvas.height = Math.round(img.naturalHeight * scale);
    canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
    const data = canvas.toDataURL('image/jpeg', quality);
    if (dataUrlBytes(data) <= MAX_FILE_BYTES) return { data, name: file.name.replace(/\.\w+$/, '') + '.jpg' };
  }
  throw new Error('图片太大');
}
function renderFiles(el, m) {
  for (const a of m.attachments || []) {
    const url = safeUrl(a.url);
    if (a.kind === 'image' && url) {
      const img = document.createElement('img'); img.className = 'photo'; img.src = url; img.alt = a.name || '图片';
      img.onclick = () => window.open(url, '_blank', 'noopener');
      el.append(img);
    } else {
      const link = document.createElement('a'); link.className = 'file'; link.target = '_blank'; link.rel = 'noopener';
      if (url) link.href = url;
      link.textContent = `${{ file: '📎', audio: '🎤', video: '🎬' }[a.kind] || '📎'} ${a.name || a.kind}`;
      el.append(link);
    }
  }
  if (m.location) {
    const place = document.createElement('a'); place.className = 'place'; place.target = '_blank'; place.rel = 'noopener';
    place.href = `https://www.openstreetmap.org/?mlat=${m.location.latitude}&mlon=${m.location.longitude}#map=17/${m.location.latitude}/${m.location.longitude}`;
    place.textContent = `📍 ${m.location.name || '位置'}`;
    const detail = document.createElement('small');
    detail.textContent = `${m.location.address ? m.location.address + ' · ' : ''}${m.location.latitude.toFixed(5)}, ${m.location.longitude.toFixed(5)}`;
    place.append(detail);
    el.append(place);
  }
}
function render(m) {
  state.seen.set(m.id, m);
  const me = $('user').value;
  const el = document.createElement('div');
  el.dataset.id = m.id;
  if (m.recalled) {
    el.className = 'msg recalled'; el.textContent = `${userName(m.userId)}撤回了一条消息`;
    $('messages').append(el);
    return;
  }
  el.className = 'msg' + (m.userId === me ? ' mine' : '') + (m.userId === 'bot' ? ' bot' : '');
  const who = document.createElement('div'); who.className = 'who';
  who.textContent = `${userName(m.userId)} · ${new Date(m.at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })}`;
  el.append(who);
  if (m.text) {
    const bubble = document.createElement('div'); bubble.className = 'bubble'; bubble.textContent = m.text; bubble.title = '点击引用回复';
    bubble.onclick = () => setReply(m);
    el.append(bubble);
  }
  renderFiles(el, m);
  if (m.replyTo) {
    const q = state.seen.get(m.replyTo);
    const quote = document.createElement('div'); quote.className = 'quote';
    quote.textContent = q ? `「${userName(q.userId)}：${q.text.slice(0, 40)}」` : '「引用的消息」';
    el.append(quote);
  }
  if (m.buttons && m.buttons.length) {
    const row = document.createElement('div'); row.className = 'buttons';
    for (const b of m.buttons) {
      const button = document.createElement('button'); button.textContent = b.label;
      button.onclick = () => api('/sandbox/api/buttons', { messageId: m.id, userId: $('user').value, value: b.value }).then(poll).catch(alert);
      row.append(button);
    }
    el.append(row);
  }
  $('messages').append(el);
  $('messages').scrollTop = $('messages').scrollHeight;
}
let polling = false;
async function poll() {
  if (polling || !state.chatId) return;
  polling = true;
  try {
    const chatId = state.chatId;
    const q = new URLSearchParams({ chatId }); if (state.lastId) q.set('after', state.lastId);
    const { messages } = await api('/sandbox/api/messages?' + q);
    if (chatId === state.chatId) for (const m of messages) { render(m); state.lastId = m.id; }
    const { now } = await api('/sandbox/api/clock');
    $('clock').textContent = new Date(now).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  } finally { polling = false; }
}
$('form').onsubmit = async (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text && !state.photo && !state.place) return;
  $('text').value = '';
  const body = { chatId: state.chatId, userId: $('user').value, text };
  if (state.replyTo) body.replyTo = state.replyTo;
  if (state.photo) body.attachments = [{ kind: 'image', data: state.photo.data, name: state.photo.name }];
  if (state.place) body.location = state.place;
  setReply(null); state.photo = null; state.place = null; setPending();
  try { await api('/sandbox/api/messages', body); } catch (err) { alert(err.message); }
  poll();
};
// Enter sends, Shift+Enter starts a new line (a weekly plan, a notice body).
$('text').onkeydown = (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('form').requestSubmit(); }
};
$('attach').onclick = () => $('photo').click();
$('photo').onchange = async () => {
  const file = $('photo').files[0]; $('photo').value = '';
  if (!file) return;
  try { state.photo = await pictureData(file); setPending(); } catch (err) { alert(err.message); }
};
$('share').onclick = () => {
  const take = (latitude, longitude) => { state.place = { latitude, longitude }; setPending(); };
  const ask = () => {
    const typed = prompt('无法取得定位，请输入纬度,经度（例如 39.9087,116.3975）');
    const [lat, lng] = (typed || '').split(/[,，\s]+/).map(Number);
    if (Number.isFinite(lat) && Number.isFinite(lng)) take(lat, lng);
  };
  if (!navigator.geolocation) return ask();
  navigator.geolocation.getCurrentPosition((p) => take(p.coords.latitude, p.coords.longitude), ask, { timeout: 10000 });
};
$('cancelPending').onclick = (e) => { e.preventDefault(); state.photo = null; state.place = null; setPending(); };
$('cancelReply').onclick = (e) => { e.preventDefault(); setReply(null); };
$('user').onchange = () => { state.chatId = null; loadChats(); };
$('chat').onchange = switchChat;
$('newUser').onkeydown = async (e) => {
  if (e.key !== 'Enter' || !e.target.value.trim()) return;
  const id = e.target.value.trim(); e.target.value = '';
  await loadUsers(id); state.chatId = null; loadChats();
};
loadUsers().then(loadChats);
setInterval(poll, 1000);
