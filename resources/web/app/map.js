/* Zhijiu map page (一张图): everything the page does after folium has made the Leaflet map.
 *
 * Python builds this page once (ui/map/page.py) and then only talks to it:
 *   Python -> page   Zhijiu.configure(cfg), Zhijiu.apply(diff), Zhijiu.select(id) … through
 *                    QWebEnginePage.runJavaScript, queued in Python until the page said ready;
 *   page -> Python   the QWebChannel object "zhijiu" (ui/map/bridge.py PageChannel): ready,
 *                    selected, drawn, edited, cursor, measured, applied, viewChanged, printReady.
 * A diff is {seq, upsert: [item…], remove: [id…]}; an item is one record of the store drawn on
 * one layer: {id: "etype:eid", layer, sym, badge, dim, overdue, bar, label, tip, g, area}.
 * Nothing here ever reloads the page, and nothing is fetched from outside zhijiu:// and qrc:.
 */
(function () {
  'use strict';

  var Z = window.Zhijiu = {};
  var map = null;            // the L.Map folium made
  var py = null;             // the QWebChannel object, once connected
  var cfg = null;            // the last configuration from Python
  var groups = {};           // layer key -> L.MarkerClusterGroup | L.FeatureGroup
  var layerOrder = [];
  var items = {};            // item id -> {it, parts: [L.Layer], group}
  var symbols = {};
  var bases = {};            // base id -> L.Layer
  var baseId = null;
  var layerControl = null, legendControl = null, drawControl = null;
  var selection = null, selectedId = null;
  var pending = null;        // a drawn shape waiting for its type and name (Qt dialog)
  var measureLayer = null, measureHandler = null, measureKind = null;
  var editing = null;        // {id, layer, group}
  var printLayer = null, printControls = [], printReturn = null;  // printReturn: the view to go back to
  var labelZoom = 15;
  var plugin = {layers: {}, order: [], words: {}};  // map layers from plugins (see below)

  // a reload would show here: the count survives reloads of the same view (sessionStorage)
  try {
    Z.loads = (+(sessionStorage.getItem('zhijiu.loads') || 0)) + 1;
    sessionStorage.setItem('zhijiu.loads', String(Z.loads));
  } catch (e) { Z.loads = 1; }
  Z.applied = 0;             // the seq of the last diff applied
  Z.errors = [];

  function report(msg) {
    // after a reload, QWebChannel may still deliver an answer meant for the page before: its
    // own script complains, harmlessly (the bridge sends everything again anyway)
    if (/execCallbacks\[message\.id\] is not a function/.test(String(msg))) { return; }
    Z.errors.push(String(msg));
    if (py) { py.jsError(String(msg)); }
  }
  window.addEventListener('error', function (e) {
    report((e.message || 'error') + ' @' + (e.filename || '') + ':' + (e.lineno || 0));
  });

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  // ------------------------------------------------------------------ datum
  // The store speaks WGS-84. A base map drawn in GCJ-02 (AMap-style servers) would put every
  // record a few hundred metres off; while such a base is shown, everything is drawn shifted
  // into GCJ-02, and whatever comes back (cursor, drawings, edits) is shifted back.
  // Same algorithm as app/geo/gcj02.py.
  var datum = 'wgs84';
  var GA = 6378245.0, GEE = 0.00669342162296594323;
  function outOfChina(lon, lat) { return !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271); }
  function gLat(x, y) {
    var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return r;
  }
  function gLon(x, y) {
    var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return r;
  }
  function toGcj(lon, lat) {
    if (outOfChina(lon, lat)) { return [lon, lat]; }
    var dlat = gLat(lon - 105.0, lat - 35.0), dlon = gLon(lon - 105.0, lat - 35.0);
    var rad = lat / 180.0 * Math.PI, magic = Math.sin(rad);
    magic = 1 - GEE * magic * magic;
    var sq = Math.sqrt(magic);
    dlat = (dlat * 180.0) / ((GA * (1 - GEE)) / (magic * sq) * Math.PI);
    dlon = (dlon * 180.0) / (GA / sq * Math.cos(rad) * Math.PI);
    return [lon + dlon, lat + dlat];
  }
  function fromGcj(lon, lat) {
    if (outOfChina(lon, lat)) { return [lon, lat]; }
    var w = [lon, lat];
    for (var i = 0; i < 30; i++) {
      var g = toGcj(w[0], w[1]), ex = g[0] - lon, ey = g[1] - lat;
      w = [w[0] - ex, w[1] - ey];
      if (Math.abs(ex) < 1e-10 && Math.abs(ey) < 1e-10) { break; }
    }
    return w;
  }
  // [lon, lat] as stored -> L.LatLng as drawn, and back
  function shown(lon, lat) {
    if (datum === 'gcj02') { var g = toGcj(lon, lat); return L.latLng(g[1], g[0]); }
    return L.latLng(lat, lon);
  }
  function stored(ll) {
    if (datum === 'gcj02') { return fromGcj(ll.lng, ll.lat); }
    return [ll.lng, ll.lat];
  }
  function storedGeometry(g) {  // a drawn GeoJSON geometry (in drawn coordinates) as stored
    function conv(c) {
      if (typeof c[0] === 'number') { var w = stored(L.latLng(c[1], c[0])); return [w[0], w[1]]; }
      return c.map(conv);
    }
    return {type: g.type, coordinates: conv(g.coordinates)};
  }
  Z.toGcj = toGcj;
  Z.fromGcj = fromGcj;

  function afterPaint(fn) {  // after the browser has painted what was just changed
    requestAnimationFrame(function () { requestAnimationFrame(fn); });
  }

  // Clustered layers add big batches in chunks (a few hundred ms each, the page stays
  // responsive); a diff counts as shown only when every chunk is in and painted.
  var busy = 0, idleQueue = [];
  function chunkDone(processed, total) {
    if (processed === total) {
      busy = Math.max(0, busy - 1);
      if (!busy) { var q = idleQueue; idleQueue = []; q.forEach(function (fn) { fn(); }); }
    }
  }
  function whenIdle(fn) {
    if (busy) { idleQueue.push(fn); } else { fn(); }
  }

  // ------------------------------------------------------------------ symbols
  // A symbol is a shape, a colour and a Font Awesome glyph (symbols.py). On the map every point
  // is drawn on one canvas from a bitmap made once per look (symbol, badge, dim, overdue, bar),
  // so ten thousand records cost ten thousand drawImage calls, not ten thousand DOM nodes.
  // The legend draws the same symbols as SVG + HTML.

  var SHAPE_PATHS = {  // in a 32 × 32 box
    circle: 'M29 16 A13 13 0 1 1 3 16 A13 13 0 1 1 29 16 Z',
    square: 'M7.5 3.5 H24.5 Q28.5 3.5 28.5 7.5 V24.5 Q28.5 28.5 24.5 28.5 H7.5 Q3.5 28.5 3.5 24.5 V7.5 Q3.5 3.5 7.5 3.5 Z',
    diamond: 'M16 1.5 L30.5 16 L16 30.5 L1.5 16 Z',
    triangle: 'M16 2 L30.5 28.5 L1.5 28.5 Z',
    hexagon: 'M16 1.5 L29 9 L29 23 L16 30.5 L3 23 L3 9 Z',
    octagon: 'M10.5 2 L21.5 2 L30 10.5 L30 21.5 L21.5 30 L10.5 30 L2 21.5 L2 10.5 Z',
    shield: 'M16 1.5 L29 5.5 V15 C29 23 23 28.5 16 30.5 C9 28.5 3 23 3 15 V5.5 Z',
    pin: 'M16 31 C16 31 4.5 19.5 4.5 12 A11.5 11.5 0 0 1 27.5 12 C27.5 19.5 16 31 16 31 Z',
    burst: (function () {
      var d = '';
      for (var i = 0; i < 20; i++) {
        var r = i % 2 ? 10.5 : 15, a = Math.PI * i / 10 - Math.PI / 2;
        d += (i ? ' L' : 'M') + (16 + r * Math.cos(a)).toFixed(1) + ' ' + (16 + r * Math.sin(a)).toFixed(1);
      }
      return d + ' Z';
    })()
  };
  var GLYPH_Y = {triangle: 60, pin: 38, shield: 46};  // glyph centre, % of the height
  var BADGE_MIN = 13, BAR_H = 5;

  function glyphHtml(glyph, fg, size) {
    if (!glyph) { return ''; }
    if (glyph.indexOf('text:') === 0) {
      return '<b class="zj-text" style="color:' + fg + ';font-size:' + size + 'px">' +
        esc(glyph.slice(5)) + '</b>';
    }
    return '<i class="fa-solid fa-' + glyph + '" style="color:' + fg + ';font-size:' + size + 'px"></i>';
  }

  function barColor(ratio) { return ratio >= 1 ? '#d50000' : ratio >= 0.8 ? '#ff8f00' : '#2e7d32'; }

  // the HTML of one symbol (the legend), optionally with a status badge
  function symbolHtml(key, opts) {
    opts = opts || {};
    var s = symbols[key] || symbols.fallback;
    var size = opts.size || s.size || 30;
    var gy = GLYPH_Y[s.shape] || 50;
    var cls = 'zj-sym' + (opts.dim ? ' zj-dim' : '') + (opts.overdue ? ' zj-overdue' : '');
    var h = '<div class="' + cls + '" style="width:' + size + 'px;height:' + size + 'px">' +
      '<svg viewBox="0 0 32 32" width="' + size + '" height="' + size + '">' +
      '<path d="' + (SHAPE_PATHS[s.shape] || SHAPE_PATHS.circle) + '" fill="' + s.color + '" stroke="' +
      (s.stroke || '#ffffff') + '" stroke-width="2" stroke-linejoin="round"/></svg>' +
      '<span class="zj-glyph" style="top:' + gy + '%">' +
      glyphHtml(s.glyph, s.fg || '#ffffff', Math.round(size * (s.glyphScale || 0.42))) + '</span>';
    if (opts.badge && symbols[opts.badge]) {
      var b = symbols[opts.badge];
      var bs = Math.max(BADGE_MIN, Math.round(size * 0.5));
      h += '<span class="zj-badge" style="width:' + bs + 'px;height:' + bs + 'px;background:' +
        b.color + '">' + glyphHtml(b.glyph, b.fg || '#ffffff', Math.round(bs * 0.6)) + '</span>';
    }
    return h + '</div>';
  }

  function badgeOnlyHtml(key) {
    var b = symbols[key];
    if (!b) { return ''; }
    return '<span class="zj-badge zj-badge-alone" style="background:' + b.color + '">' +
      glyphHtml(b.glyph, b.fg || '#ffffff', 10) + '</span>';
  }

  function lineStyle(key) {
    var s = symbols[key] || symbols.fallback;
    var l = s.line || {};
    return {
      color: l.color || s.color, weight: l.weight || 3, opacity: l.opacity == null ? 0.9 : l.opacity,
      dashArray: l.dash || null, fillColor: l.fill || l.color || s.color,
      fillOpacity: l.fillOpacity == null ? 0.2 : l.fillOpacity, lineCap: 'round', lineJoin: 'round'
    };
  }

  // Font Awesome glyphs as characters for the canvas (read from the stylesheet once)
  var glyphChars = {}, glyphProbe = null;
  function glyphChar(name) {
    if (glyphChars[name] !== undefined) { return glyphChars[name]; }
    if (!glyphProbe) {
      glyphProbe = document.createElement('i');
      glyphProbe.style.cssText = 'position:absolute;left:-9999px;top:-9999px';
      document.body.appendChild(glyphProbe);
    }
    glyphProbe.className = 'fa-solid fa-' + name;
    var content = getComputedStyle(glyphProbe, '::before').content;
    var ch = '';
    try { ch = content && content !== 'none' ? JSON.parse(content) : ''; } catch (e) { ch = ''; }
    glyphChars[name] = ch;
    return ch;
  }

  var FA_FONT = '"Font Awesome 6 Free"';
  var LABEL_FONT = '600 12px "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  var bitmaps = {};

  function drawGlyph(ctx, glyph, fg, px, x, y) {
    if (!glyph) { return; }
    ctx.fillStyle = fg;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    if (glyph.indexOf('text:') === 0) {
      ctx.font = '800 ' + px + 'px Arial, "Noto Sans CJK SC", sans-serif';
      ctx.fillText(glyph.slice(5), x, y + px * 0.05);
    } else {
      ctx.font = '900 ' + px + 'px ' + FA_FONT;
      ctx.fillText(glyphChar(glyph), x, y);
    }
  }

  // the bitmap of one look: {canvas, w, h, ax, ay} (anchor in CSS pixels)
  function bitmap(it) {
    var ratio = it.bar ? (it.bar[1] > 0 ? it.bar[0] / it.bar[1] : 0) : -1;
    var bucket = ratio < 0 ? -1 : ratio >= 1 ? 100 : Math.min(99, Math.round(ratio * 20) * 5);
    var key = [it.sym, it.badge || '', it.dim ? 1 : 0, it.overdue ? 1 : 0, bucket].join('|');
    var bmp = bitmaps[key];
    if (bmp) { return bmp; }
    var s = symbols[it.sym] || symbols.fallback;
    var size = s.size || 30, pad = 9, dpr = window.devicePixelRatio || 1;
    var w = size + 2 * pad, h = size + 2 * pad + (bucket >= 0 ? BAR_H + 2 : 0);
    var c = document.createElement('canvas');
    c.width = Math.ceil(w * dpr);
    c.height = Math.ceil(h * dpr);
    var ctx = c.getContext('2d');
    ctx.scale(dpr, dpr);
    ctx.translate(pad, pad);
    if (it.overdue) {
      ctx.beginPath();
      ctx.arc(size / 2, size / 2, size / 2 + 5, 0, 2 * Math.PI);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ff1744';
      ctx.stroke();
    }
    if (it.dim) { ctx.globalAlpha = 0.5; ctx.filter = 'grayscale(60%)'; }
    var path = new Path2D(SHAPE_PATHS[s.shape] || SHAPE_PATHS.circle);
    ctx.save();
    ctx.scale(size / 32, size / 32);
    ctx.shadowColor = 'rgba(0,0,0,0.45)';
    ctx.shadowBlur = 3;
    ctx.shadowOffsetY = 1;
    ctx.fillStyle = s.color;
    ctx.fill(path);
    ctx.shadowColor = 'transparent';
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = s.stroke || '#ffffff';
    ctx.stroke(path);
    ctx.restore();
    drawGlyph(ctx, s.glyph, s.fg || '#ffffff', Math.round(size * (s.glyphScale || 0.42)),
      size / 2, size * (GLYPH_Y[s.shape] || 50) / 100);
    ctx.filter = 'none';
    ctx.globalAlpha = 1;
    if (it.badge && symbols[it.badge]) {
      var b = symbols[it.badge], bs = Math.max(BADGE_MIN, Math.round(size * 0.5));
      var bx = size + 6 - bs / 2, by = -6 + bs / 2;
      ctx.beginPath();
      ctx.arc(bx, by, bs / 2, 0, 2 * Math.PI);
      ctx.fillStyle = b.color;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      drawGlyph(ctx, b.glyph, b.fg || '#ffffff', Math.round(bs * 0.6), bx, by);
    }
    if (bucket >= 0) {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(-3, size + 2, size + 6, BAR_H);
      ctx.fillStyle = barColor(bucket / 100);
      ctx.fillRect(-3, size + 2, (size + 6) * Math.min(1, bucket / 100), BAR_H);
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#37474f';
      ctx.strokeRect(-3, size + 2, size + 6, BAR_H);
    }
    bmp = bitmaps[key] = {canvas: c, w: w, h: h, ax: pad + size / 2,
      ay: pad + (s.shape === 'pin' ? size : size / 2), size: size, pin: s.shape === 'pin'};
    return bmp;
  }

  var measureCtx = null;
  function labelWidth(text) {
    if (!measureCtx) { measureCtx = document.createElement('canvas').getContext('2d'); }
    measureCtx.font = LABEL_FONT;
    return measureCtx.measureText(text).width;
  }

  // Names under the symbols: when few enough symbols are in view to read them (or zoomed in
  // far), never one over another (the first drawn wins; incidents are drawn last and always).
  var labelsOn = false, placed = [], LABELS_MAX = 80;
  var queues = {important: [], areas: [], names: []};
  function claim(box, force) {  // room for a name here? (then it is taken)
    for (var i = 0; i < placed.length && !force; i++) {
      var q = placed[i];
      if (box[0] < q[2] && q[0] < box[2] && box[1] < q[3] && q[1] < box[3]) { return false; }
    }
    placed.push(box);
    return true;
  }
  // after the shapes and symbols of a redraw: incidents' names, then areas', then the others'
  function drawLabels(ctx) {
    var q = queues;
    queues = {important: [], areas: [], names: []};
    q.important.forEach(function (m) { m._drawLabel(ctx, true); });
    q.areas.forEach(function (m) { m._drawLabel(ctx); });
    q.names.forEach(function (m) { m._drawLabel(ctx); });
  }
  function updateLabels() {
    if (!map) { return; }
    var bounds = map.getBounds(), n = 0, ids = Object.keys(items);
    for (var i = 0; i < ids.length && n <= LABELS_MAX; i++) {
      var p = items[ids[i]].parts[0];
      if (p instanceof SymbolMarker && p._map && bounds.contains(p.getLatLng())) { n += 1; }
    }
    var on = map.getZoom() >= labelZoom || n <= LABELS_MAX;
    if (on !== labelsOn) { labelsOn = on; redrawSymbols(); }
  }

  var Z_ORDER = {incidents: 9, posts: 8, tasks: 7, units: 6, hazards: 5, media: 4, plotted: 3,
    shelters: 2, depots: 2};

  // A point record on the canvas: Leaflet's CircleMarker (canvas hit-testing, tooltips, events),
  // drawn as the symbol's bitmap with its name under it when zoomed in.
  var SymbolMarker = L.CircleMarker.extend({
    initialize: function (latlng, it, options) {
      L.CircleMarker.prototype.initialize.call(this, latlng, options);
      this._it = it;
      this._bmp = bitmap(it);
      this._radius = this.options.radius = this._bmp.size / 2;
    },
    showsLabel: function () {
      return !!this._it.label && (this._it.layer === 'incidents' || labelsOn);
    },
    _project: function () {
      this._point = this._map.latLngToLayerPoint(this._latlng);
      var b = this._bmp;
      var half = b.w / 2, top = b.ay, bottom = b.h - b.ay;
      if (this.showsLabel()) {
        half = Math.max(half, labelWidth(this._it.label) / 2 + 4);
        bottom += 16;
      }
      this._pxBounds = new L.Bounds(this._point.subtract([half, top]), this._point.add([half, bottom]));
    },
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty()) { return; }
      var ctx = r._ctx, b = this._bmp, p = this._point;
      ctx.drawImage(b.canvas, p.x - b.ax, p.y - b.ay, b.w, b.h);
      var cy = b.pin ? p.y - b.size / 2 : p.y, k = b.size * 0.3;  // names drawn later keep off its core
      placed.push([p.x - k, cy - k, p.x + k, cy + k]);
      if (this.showsLabel()) {  // after every symbol of this redraw: see drawLabels
        (this._it.layer === 'incidents' ? queues.important : queues.names).push(this);
      }
    },
    _drawLabel: function (ctx, force) {
      var b = this._bmp, p = this._point;
      var y = p.y - b.ay + b.h - 6;
      var w = labelWidth(this._it.label);
      if (!claim([p.x - w / 2 - 2, y, p.x + w / 2 + 2, y + 15], force)) { return; }
      ctx.font = LABEL_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.lineJoin = 'round';
      ctx.lineWidth = 3;
      var night = document.body.classList.contains('zj-night');
      ctx.strokeStyle = night ? 'rgba(0,0,0,0.9)' : 'rgba(255,255,255,0.95)';
      ctx.strokeText(this._it.label, p.x, y);
      ctx.fillStyle = this._it.layer === 'incidents' ? (night ? '#ff8a80' : '#7f0000') : (night ? '#eceff1' : '#1b1b1b');
      ctx.fillText(this._it.label, p.x, y);
    },
    _containsPoint: function (p) {
      var b = this._bmp, c = this._point;
      var cy = b.pin ? c.y - b.size / 2 : c.y;
      return Math.abs(p.x - c.x) <= b.size / 2 + 2 && Math.abs(p.y - cy) <= b.size / 2 + 2;
    },
    _empty: function () {
      return !this._renderer._bounds.intersects(this._pxBounds);
    }
  });

  // The name of a plotted area, on the canvas like the symbols' names (and yielding to them).
  var AreaLabel = L.CircleMarker.extend({
    initialize: function (latlng, text, color, options) {
      L.CircleMarker.prototype.initialize.call(this, latlng, L.extend({interactive: false, radius: 1}, options));
      this._text = text;
      this._color = color;
    },
    _project: function () {  // just inside the area's northern edge: its middle is where things are
      this._point = this._map.latLngToLayerPoint(this._latlng).add([0, 13]);
      var w = labelWidth(this._text) / 2 + 4;
      this._pxBounds = new L.Bounds(this._point.subtract([w, 10]), this._point.add([w, 10]));
    },
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty() || !labelsOn) { return; }
      queues.areas.push(this);
    },
    _drawLabel: function (ctx) {
      var p = this._point, w = labelWidth(this._text);
      if (!claim([p.x - w / 2 - 2, p.y - 8, p.x + w / 2 + 2, p.y + 8])) { return; }
      var night = document.body.classList.contains('zj-night');
      ctx.font = LABEL_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineJoin = 'round';
      ctx.lineWidth = 3;
      ctx.strokeStyle = night ? 'rgba(0,0,0,0.9)' : 'rgba(255,255,255,0.95)';
      ctx.strokeText(this._text, p.x, p.y);
      ctx.fillStyle = night ? '#ffcdd2' : this._color;
      ctx.fillText(this._text, p.x, p.y);
    },
    _empty: function () { return !this._renderer._bounds.intersects(this._pxBounds); },
    _containsPoint: function () { return false; }
  });

  // ------------------------------------------------------------------ items

  var BULK = 50;  // a diff touching more than this many layers of one group goes in bulk
  var shared = null;  // the one canvas every interactive record is drawn on (see start)

  function tipHtml(it) {
    var lines = it.tip || [];
    var h = '<b>' + esc(it.label || '') + '</b>';
    for (var i = 0; i < lines.length; i++) { h += '<br>' + esc(lines[i]); }
    return h;
  }

  function lazyTooltip(layer, it) {
    layer.once('mouseover', function (e) {
      var symbol = layer instanceof SymbolMarker;
      layer.bindTooltip(tipHtml(items[it.id] ? items[it.id].it : it),
        {direction: 'top', sticky: !symbol, className: 'zj-tip',
          offset: symbol ? [0, -(layer._bmp.pin ? layer._bmp.size : layer._bmp.size / 2)] : [0, 0]});
      layer.openTooltip(symbol ? layer.getLatLng() : e.latlng);
    });
  }

  function swap(g) {  // GeoJSON [lon, lat] -> Leaflet latlngs as drawn, any depth
    if (typeof g[0] === 'number') { return shown(g[0], g[1]); }
    return g.map(swap);
  }

  function shapeOf(g, style) {
    var opts = L.extend({renderer: shared}, style);
    if (g.type === 'LineString') { return L.polyline(swap(g.coordinates), opts); }
    if (g.type === 'Polygon') { return L.polygon(swap(g.coordinates), opts); }
    return null;
  }

  function build(it) {
    var parts = [];
    var g = it.g;
    if (g && g.type === 'Point') {
      parts.push(new SymbolMarker(shown(g.coordinates[0], g.coordinates[1]), it,
        {renderer: shared, interactive: true, bubblingMouseEvents: false}));
    } else if (g) {
      var shape = shapeOf(g, lineStyle(it.sym));
      if (shape) {
        shape.zjBack = it.layer === 'warnings' ? 2 : 1;
        if (it.label && it.layer === 'warnings') {
          // at the area's northern edge: overlapping warnings (often the same district) keep
          // their titles apart, and the middle stays free for what is inside
          var top = null;
          shape.getLatLngs()[0].forEach(function (ll) { if (!top || ll.lat > top.lat) { top = ll; } });
          shape.bindTooltip(esc(it.label), {permanent: true, direction: 'bottom', offset: [0, 2],
            pane: 'zjAreaLabels', className: 'zj-area-label zj-area-label-' + it.layer});
          shape.on('add', function () { shape.openTooltip(top); });
        }
        parts.push(shape);
        if (it.label && g.type === 'Polygon' && it.layer !== 'warnings') {
          var north = null;
          shape.getLatLngs()[0].forEach(function (ll) { if (!north || ll.lat > north.lat) { north = ll; } });
          var label = new AreaLabel(north, it.label,
            lineStyle(it.sym).color, {renderer: shared});
          label.zjLabel = true;
          parts.push(label);
        }
      }
    }
    if (it.area) {
      var area = shapeOf(it.area, lineStyle(it.areaSym || it.sym));
      if (area) { area.zjBack = 2; parts.push(area); }
    }
    parts.forEach(function (p) {
      p.zjId = it.id;
      p.zjFront = p.zjLabel ? 8 : Z_ORDER[it.layer] || 1;
      if (p.zjLabel) { return; }
      p.on('click', onClick);
      if (!(p.getTooltip && p.getTooltip())) { lazyTooltip(p, it); }
    });
    return parts;
  }

  // One canvas draws in the order layers were added; keep areas at the back, then lines and
  // polygons, then symbols, the names of areas, incidents on top. Only the few layers that need
  // moving are kept in lists (warnings, shapes, area names, incidents), never all ten thousand.
  var stack = {areas: [], shapes: [], labels: [], incidents: []};
  function stackOf(l) {
    return l.zjBack === 2 ? stack.areas : l.zjBack === 1 ? stack.shapes : l.zjLabel ? stack.labels :
      l.zjFront === 9 ? stack.incidents : null;
  }
  function track(parts, on) {
    parts.forEach(function (l) {
      var list = stackOf(l);
      if (!list) { return; }
      var at = list.indexOf(l);
      if (on && at < 0) { list.push(l); } else if (!on && at >= 0) { list.splice(at, 1); }
    });
  }
  function restack(added) {
    var back = false, front = false;
    added.forEach(function (l) { if (l.zjBack) { back = true; } else if (l.zjFront < 9 || l.zjLabel) { front = true; } });
    var onMap = function (l) { return !!l._map; };
    if (back) {
      stack.shapes.filter(onMap).forEach(function (l) { l.bringToBack(); });
      stack.areas.filter(onMap).forEach(function (l) { l.bringToBack(); });
    }
    if (back || front) { raiseTop(); }
  }
  function raiseTop() {  // clusters add their markers again after every move: keep these on top
    stack.labels.forEach(function (l) { if (l._map) { l.bringToFront(); } });
    stack.incidents.forEach(function (l) { if (l._map) { l.bringToFront(); } });
  }

  function onClick(e) {
    var id = e.target.zjId;
    if (measureHandler || editing) { return; }
    L.DomEvent.stopPropagation(e);
    showSelection(id);
    if (py) {
      var k = id.indexOf(':');
      py.selected(id.slice(0, k), id.slice(k + 1));
    }
  }

  function groupFor(key) {
    return groups[key] || groups.plotted;
  }

  // Apply one diff: remove, then add or replace.
  Z.apply = function (diff) {
    var adds = {}, drops = {}, added = [];
    function drop(id) {
      var rec = items[id];
      if (!rec) { return; }
      (drops[rec.key] = drops[rec.key] || []).push.apply(drops[rec.key], rec.parts);
      track(rec.parts, false);
      delete items[id];
      if (selectedId === id && selection) { selection.remove(); selection = null; }
    }
    (diff.remove || []).forEach(drop);
    (diff.upsert || []).forEach(function (it) {
      if (editing && editing.id === it.id) { return; }  // the operator's edit wins until saved
      drop(it.id);
      var parts = build(it);
      var key = groups[it.layer] ? it.layer : 'plotted';
      items[it.id] = {it: it, parts: parts, key: key};
      track(parts, true);
      (adds[key] = adds[key] || []).push.apply(adds[key], parts);
      added.push.apply(added, parts);
    });
    // markercluster's bulk calls redraw every cluster in view: right for a big batch, far too
    // slow for the one marker a typical change moves; small changes go one by one
    Object.keys(drops).forEach(function (key) {
      var g = groupFor(key);
      if (g.removeLayers && drops[key].length > BULK) { g.removeLayers(drops[key]); } else { drops[key].forEach(function (l) { g.removeLayer(l); }); }
    });
    Object.keys(adds).forEach(function (key) {
      var g = groupFor(key);
      if (g.addLayers && adds[key].length > BULK) {
        if (map.hasLayer(g)) { busy += 1; }  // chunkDone counts it back when the last chunk is in
        g.addLayers(adds[key]);
      } else { adds[key].forEach(function (l) { g.addLayer(l); }); }
    });
    whenIdle(function () { restack(added); updateLabels(); });
    if (selectedId && items[selectedId] && !selection) { showSelection(selectedId); }
    Z.applied = diff.seq || Z.applied;
    if (py && diff.seq) {
      var seq = diff.seq;
      whenIdle(function () { afterPaint(function () { py.applied(seq); }); });
    }
    return Z.applied;
  };

  // The glyph font arrives a moment after the page: symbols drawn before it get their
  // glyphs now (bitmaps made again, everything redrawn once).
  function whenFontsReady() {
    glyphChars = {};
    bitmaps = {};
    Object.keys(items).forEach(function (id) {
      items[id].parts.forEach(function (p) { if (p instanceof SymbolMarker) { p._bmp = bitmap(p._it); } });
    });
    redrawSymbols();
  }

  function redrawSymbols() {  // after the zoom crossed the label zoom, or night mode changed
    Object.keys(items).forEach(function (id) {
      items[id].parts.forEach(function (p) { if (p instanceof SymbolMarker && p._map) { p.redraw(); } });
    });
  }

  // ------------------------------------------------------------------ selection

  function bestLatLng(rec) {
    var p = rec.parts[0];
    if (!p) { return null; }
    return p.getLatLng ? p.getLatLng() : p.getBounds().getCenter();
  }

  function showSelection(id) {
    selectedId = id;
    if (selection) { selection.remove(); selection = null; }
    var rec = items[id];
    if (!rec) { return; }
    var p = rec.parts[0];
    if (p && p instanceof SymbolMarker) {
      var b = p._bmp, d = b.size + 24;
      selection = L.marker(p.getLatLng(), {pane: 'zjSelect', interactive: false, keyboard: false,
        icon: L.divIcon({className: 'zj-selected', iconSize: [d, d],
          iconAnchor: [d / 2, b.pin ? d / 2 + b.size / 2 : d / 2], html: '<span></span>'})}).addTo(map);
    } else if (p) {
      selection = L.geoJSON(p.toGeoJSON(), {pane: 'zjSelect', interactive: false,
        style: {color: '#00e5ff', weight: 7, opacity: 0.7, fill: false}}).addTo(map);
    }
  }

  // Python selected something (from a table): highlight it and bring it into view — zoomed in
  // far enough that it stands alone, not inside a cluster.
  Z.select = function (id, pan) {
    var rec = items[id];
    if (!rec) { selectedId = id; if (selection) { selection.remove(); selection = null; } return false; }
    var p = rec.parts[0];
    var g = groups[rec.key];
    showSelection(id);
    if (pan === false) { return true; }
    if (p.getLatLng) {
      var zoom = map.getZoom();
      if (g && g.getVisibleParent && map.hasLayer(g) && g.hasLayer(p) && g.getVisibleParent(p) !== p && p.__parent) {
        zoom = Math.min(map.getMaxZoom(), Math.max(zoom, p.__parent._zoom + 1));
      }
      map.setView(p.getLatLng(), zoom, {animate: false});
    } else {
      map.fitBounds(p.getBounds(), {maxZoom: 17, padding: [30, 30], animate: false});
    }
    return true;
  };

  Z.clearSelection = function () {
    selectedId = null;
    if (selection) { selection.remove(); selection = null; }
  };

  Z.fit = function (b, maxZoom) {  // [[south, west], [north, east]], WGS-84
    map.fitBounds(L.latLngBounds(shown(b[0][1], b[0][0]), shown(b[1][1], b[1][0])),
      {maxZoom: maxZoom || 16, padding: [24, 24], animate: false});
  };

  // ------------------------------------------------------------------ layers and base maps

  function clusterIcon(color) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      return L.divIcon({className: 'zj-cluster', iconSize: [size, size],
        html: '<div style="background:' + color + ';width:' + size + 'px;height:' + size +
          'px;line-height:' + size + 'px">' + n + '</div>'});
    };
  }

  function makeGroups(layers) {
    layers.forEach(function (l) {
      if (groups[l.key]) { return; }
      var g = l.cluster ? L.markerClusterGroup({
        chunkedLoading: true, chunkInterval: 120, showCoverageOnHover: false,
        maxClusterRadius: 50, disableClusteringAtZoom: 17, spiderfyOnMaxZoom: false,
        animate: false, animateAddingMarkers: false,
        removeOutsideVisibleBounds: true, iconCreateFunction: clusterIcon(l.color),
        chunkProgress: chunkDone
      }) : L.featureGroup();
      groups[l.key] = g;
      layerOrder.push(l.key);
      if (l.visible !== false) { g.addTo(map); }
    });
  }

  function makeBase(b) {
    if (b.kind === 'vector') {
      var group = L.layerGroup();
      group.zjVector = true;
      var credits = (b.layers || []).map(function (v) { return v.attribution; }).filter(function (a, i, all) {
        return a && all.indexOf(a) === i; });
      group.getAttribution = function () { return credits.map(esc).join(' · '); };
      group.zjRanges = [];
      (b.layers || []).forEach(function (v) {
        var gl = L.geoJSON(null, {
          pane: 'zjBase', interactive: false,
          style: function (f) {
            var st = L.extend({weight: 1, opacity: 1, fillOpacity: 0.0}, v.style || {});
            if (v.namedStyle && f && f.properties && f.properties.name) { L.extend(st, v.namedStyle); }
            return st;
          },
          pointToLayer: function (f, ll) { return L.circleMarker(ll, L.extend({radius: 2, pane: 'zjBase'}, v.style || {})); },
          onEachFeature: function (f, layer) {
            var name = v.labelField && f.properties ? f.properties[v.labelField] : null;
            if (name) {
              layer.bindTooltip(esc(name), {permanent: true, direction: 'center', className: 'zj-base-label',
                interactive: false, pane: 'zjBaseLabels'});
            }
          }
        });
        group.zjRanges.push({layer: gl, min: v.minZoom == null ? 0 : v.minZoom, max: v.maxZoom == null ? 99 : v.maxZoom});
        fetch(v.url).then(function (r) {
          if (!r.ok) { throw new Error(r.status + ' ' + v.url); }
          return r.json();
        }).then(function (data) { gl.addData(data); updateBaseLabels(); })
          .catch(function (e) { report('base map layer ' + v.url + ': ' + e); });
      });
      return group;
    }
    var opts = {minZoom: b.minZoom || 0, maxZoom: b.maxZoom || 19, maxNativeZoom: b.maxNativeZoom || b.maxZoom || 19,
      minNativeZoom: b.minNativeZoom || 0, attribution: esc(b.attribution || ''), pane: b.overlay ? 'zjTileOverlay' : 'tilePane'};
    if (b.bounds) { opts.bounds = [[b.bounds[1], b.bounds[0]], [b.bounds[3], b.bounds[2]]]; }
    if (b.tms) { opts.tms = true; }
    return L.tileLayer(b.url, opts);
  }

  function updateBaseLabels() {
    var z = map.getZoom();
    map.getContainer().classList.toggle('zj-base-labels', z >= 9);
    Object.keys(bases).forEach(function (id) {  // each vector layer only where it is accurate
      var g = bases[id];
      (g.zjRanges || []).forEach(function (r) {
        var want = z >= r.min && z <= r.max;
        if (want && !g.hasLayer(r.layer)) { g.addLayer(r.layer); }
        if (!want && g.hasLayer(r.layer)) { g.removeLayer(r.layer); }
      });
    });
  }

  Z.setBases = function (list, current) {
    var overlaysOn = {};
    Object.keys(bases).forEach(function (id) {
      if (bases[id].zjBase.overlay && map.hasLayer(bases[id])) { overlaysOn[id] = true; }
      map.removeLayer(bases[id]);
    });
    bases = {};
    (list || []).forEach(function (b) { bases[b.id] = makeBase(b); bases[b.id].zjBase = b; });
    cfg.bases = list;
    var keep = baseId;
    baseId = null;
    var first = (list || []).filter(function (b) { return !b.overlay; })[0];
    Z.setBase(current && bases[current] ? current : keep && bases[keep] ? keep : first ? first.id : null);
    Object.keys(overlaysOn).forEach(function (id) { if (bases[id]) { bases[id].addTo(map); } });
    rebuildLayerControl();
  };

  function setDatum(d) {
    if (d === datum) { return; }
    datum = d;
    var all = Object.keys(items).map(function (id) { return items[id].it; });
    Z.apply({upsert: all});  // everything drawn again, in the new datum
    plugin.order.forEach(function (key) { fillPluginLayer(plugin.layers[key]); });
  }

  Z.setBase = function (id) {
    if (!bases[id] || bases[id].zjBase.overlay) { return baseId; }
    var center = baseId ? stored(map.getCenter()) : null;
    if (baseId && bases[baseId]) { map.removeLayer(bases[baseId]); }
    baseId = id;
    bases[baseId].addTo(map);  // fires baselayerchange only through the control; see below
    updateBaseLabels();
    setDatum(bases[baseId].zjBase.datum === 'gcj02' ? 'gcj02' : 'wgs84');
    if (center) { map.panTo(shown(center[0], center[1]), {animate: false}); }
    if (layerControl) { rebuildLayerControl(); }
    return baseId;
  };

  Z.baseInfo = function () {
    var b = baseId ? bases[baseId] : null;
    return {id: baseId, loaded: b && b._tiles ? Object.keys(b._tiles).filter(function (k) { return b._tiles[k].loaded; }).length : null};
  };

  function rebuildLayerControl() {
    if (layerControl) { layerControl.remove(); }
    var baseMap = {}, overlays = {};
    (cfg.bases || []).forEach(function (b) {
      if (!bases[b.id]) { return; }
      if (b.overlay) { overlays['<i class="fa-solid fa-layer-group zj-ov"></i>' + esc(b.name)] = bases[b.id]; } else { baseMap[esc(b.name)] = bases[b.id]; }
    });
    (cfg.layers || []).forEach(function (l) {
      var color = l.color || '#555';
      groups[l.key].zjKey = l.key;
      overlays['<span class="zj-swatch" style="background:' + color + '"></span>' + esc(l.name)] = groups[l.key];
    });
    plugin.order.forEach(function (key) {
      var pl = plugin.layers[key];
      overlays['<span class="zj-swatch zj-swatch-plugin" style="background:' + esc(pl.spec.color) + '"></span>' +
        esc(pl.spec.title)] = pl.group;
    });
    layerControl = L.control.layers(baseMap, overlays, {collapsed: true, position: 'topright'}).addTo(map);
  }

  function onZoom() {
    map.getContainer().classList.toggle('zj-labels', map.getZoom() >= labelZoom);
    updateBaseLabels();
  }

  Z.setNight = function (on) {
    document.body.classList.toggle('zj-night', !!on);
    redrawSymbols();  // the names on the canvas change colour
    return !!on;
  };

  // ------------------------------------------------------------------ plugin layers
  // A plugin's map layer (ui/map/plugin_layers.py): GeoJSON Python has already checked, with a
  // title, a swatch colour and a style; an overlay of its own in the layer control (its key is
  // what Python remembers as hidden) and a row in the legend. Drawn on the shared canvas,
  // behind the records, never clickable as a record: hovering shows its words.

  function pluginStyle(spec, f) {
    return L.extend({color: spec.color, weight: 4, opacity: 0.9, fillColor: spec.color, fillOpacity: 0.2},
      spec.style || {}, (f && f.properties && f.properties.style) || {});
  }

  function fillPluginLayer(pl) {
    pl.group.clearLayers();
    var spec = pl.spec;
    L.geoJSON(spec.data, {
      coordsToLatLng: function (c) { return shown(c[0], c[1]); },
      style: function (f) { return L.extend({renderer: shared}, pluginStyle(spec, f)); },
      pointToLayer: function (f, ll) {
        var st = pluginStyle(spec, f);
        return L.circleMarker(ll, L.extend({renderer: shared, radius: st.radius || 7}, st,
          {fillOpacity: Math.max(st.fillOpacity, 0.8)}));
      },
      onEachFeature: function (f, layer) {
        var p = f.properties || {};
        layer.zjPlugin = spec.key;
        if (p.label || (p.tip && p.tip.length)) {
          layer.bindTooltip(tipHtml({label: p.label || spec.title, tip: p.tip || []}),
            {direction: 'top', sticky: !(layer instanceof L.CircleMarker), className: 'zj-tip'});
        }
        pl.group.addLayer(layer);
      }
    });
    if (map.hasLayer(pl.group)) { pluginToBack(pl); }
  }

  function pluginToBack(pl) {  // under the records' areas and lines: they stay clickable
    pl.group.eachLayer(function (l) { if (l.bringToBack && !(l instanceof L.CircleMarker)) { l.bringToBack(); } });
  }

  function pluginLegendHtml(onlyUsed) {
    var keys = plugin.order.filter(function (key) {
      var pl = plugin.layers[key];
      return !onlyUsed || (map.hasLayer(pl.group) && pl.group.getLayers().length > 0);
    });
    if (!keys.length) { return ''; }
    var h = '<div class="zj-legend-section zj-legend-plugins"><div class="zj-legend-head">' +
      esc(plugin.words.section || '') + '</div>';
    keys.forEach(function (key) {
      var spec = plugin.layers[key].spec, st = pluginStyle(spec, null), sw;
      if (spec.kind === 'area') {
        sw = '<svg width="30" height="18"><rect x="2" y="2" width="26" height="14" rx="2" fill="' + esc(st.fillColor) +
          '" fill-opacity="' + Math.max(st.fillOpacity, 0.25) + '" stroke="' + esc(st.color) + '" stroke-width="2"' +
          (st.dashArray ? ' stroke-dasharray="' + esc(st.dashArray) + '"' : '') + '/></svg>';
      } else if (spec.kind === 'point') {
        sw = '<svg width="30" height="18"><circle cx="15" cy="9" r="6" fill="' + esc(st.fillColor) + '" stroke="' +
          esc(st.color) + '" stroke-width="2"/></svg>';
      } else {
        sw = '<svg width="30" height="14"><line x1="2" y1="7" x2="28" y2="7" stroke="' + esc(st.color) +
          '" stroke-width="' + Math.min(st.weight || 4, 6) + '" stroke-linecap="round"' +
          (st.dashArray ? ' stroke-dasharray="' + esc(st.dashArray) + '"' : '') + '/></svg>';
      }
      h += '<div class="zj-legend-row" data-plugin-layer="' + esc(key) + '"><span class="zj-legend-sw">' + sw +
        '</span><span>' + esc(spec.title) + '</span></div>';
    });
    return h + '</div>';
  }

  function pluginChanged() {
    if (layerControl) { rebuildLayerControl(); }
    if (legendControl) { placeLegend(true, legendControl.options.print); }
  }

  // spec: {key, title, color, kind: line|area|point, style, data: FeatureCollection, visible}
  Z.setPluginLayer = function (spec, words) {
    plugin.words = words || plugin.words;
    var pl = plugin.layers[spec.key];
    var titleChanged = !pl || pl.spec.title !== spec.title || pl.spec.color !== spec.color || pl.spec.kind !== spec.kind;
    if (!pl) {
      pl = plugin.layers[spec.key] = {spec: spec, group: L.featureGroup()};
      pl.group.zjKey = spec.key;
      plugin.order.push(spec.key);
      if (spec.visible !== false) { pl.group.addTo(map); }
    }
    pl.spec = spec;
    fillPluginLayer(pl);
    if (titleChanged) { pluginChanged(); }
    return pl.group.getLayers().length;
  };

  Z.removePluginLayer = function (key) {
    var pl = plugin.layers[key];
    if (!pl) { return false; }
    map.removeLayer(pl.group);
    delete plugin.layers[key];
    plugin.order.splice(plugin.order.indexOf(key), 1);
    pluginChanged();
    return true;
  };

  Z.pluginLayers = function () {  // facts for Python and tests
    var out = {};
    plugin.order.forEach(function (key) {
      var pl = plugin.layers[key];
      out[key] = {title: pl.spec.title, count: pl.group.getLayers().length, onMap: map.hasLayer(pl.group),
        drawn: pl.group.getLayers().filter(function (l) { return !!l._map; }).length};
      if (pl.group.getLayers().length) {
        var b = pl.group.getBounds(), sw = stored(b.getSouthWest()), ne = stored(b.getNorthEast());
        out[key].bounds = [sw[0], sw[1], ne[0], ne[1]];  // as stored, WGS-84
        out[key].drawnBounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];  // in the base's datum
      }
    });
    return out;
  };

  Z.pluginTip = function (key, index) {  // the words hovering a plugin feature shows (tests)
    var pl = plugin.layers[key], l = pl ? pl.group.getLayers()[index] : null;
    return l && l.getTooltip() ? l.getTooltip().getContent() : null;
  };

  // ------------------------------------------------------------------ legend

  // the symbols of the items drawn now (print legends list only these)
  function symbolsInUse() {
    var used = {};
    Object.keys(items).forEach(function (id) {
      var rec = items[id], it = rec.it, g = groups[rec.key];
      if (g && !map.hasLayer(g)) { return; }
      var kind = it.g && it.g.type === 'LineString' ? 'line' : it.g && it.g.type === 'Polygon' ? 'area' : 'point';
      used[kind + ':' + it.sym] = true;
      if (it.badge) { used['badge:' + it.badge] = true; used['point:' + it.badge] = true; }
      if (it.area) { used['area:' + (it.areaSym || it.sym)] = true; }
      if (it.bar) { used.bar = true; }
      if (it.overdue) { used.overdue = true; }
    });
    return used;
  }

  function legendHtml(onlyUsed) {
    var used = onlyUsed ? symbolsInUse() : null;
    var h = '<div class="zj-legend-title">' + esc(cfg.labels.legend) + '</div><div class="zj-legend-body">';
    (cfg.legend || []).forEach(function (sec) {
      var entries = sec.entries.filter(function (e) {
        if (!used) { return true; }
        if (e.kind === 'bar') { return !!used.bar; }
        if (e.overdue) { return !!used.overdue; }
        return !!used[e.kind + ':' + e.sym];
      });
      if (!entries.length) { return; }
      h += '<div class="zj-legend-section"><div class="zj-legend-head">' + esc(sec.title) + '</div>';
      entries.forEach(function (e) {
        var sw;
        if (e.kind === 'line') {
          var st = lineStyle(e.sym);
          sw = '<svg width="30" height="14"><line x1="2" y1="7" x2="28" y2="7" stroke="' + st.color +
            '" stroke-width="' + Math.min(st.weight, 6) + '" stroke-linecap="round"' +
            (st.dashArray ? ' stroke-dasharray="' + st.dashArray + '"' : '') + '/></svg>';
        } else if (e.kind === 'area') {
          var sa = lineStyle(e.sym);
          sw = '<svg width="30" height="18"><rect x="2" y="2" width="26" height="14" rx="2" fill="' + sa.fillColor +
            '" fill-opacity="' + Math.max(sa.fillOpacity, 0.25) + '" stroke="' + sa.color + '" stroke-width="2"' +
            (sa.dashArray ? ' stroke-dasharray="' + sa.dashArray + '"' : '') + '/></svg>';
        } else if (e.kind === 'badge') {
          sw = badgeOnlyHtml(e.sym);
        } else if (e.kind === 'bar') {
          sw = '<span class="zj-bar zj-bar-alone"><span style="width:' + e.ratio + '%;background:' + e.color + '"></span></span>';
        } else {
          sw = symbolHtml(e.sym, {size: e.size || 22, badge: e.badge, overdue: e.overdue, dim: e.dim});
        }
        h += '<div class="zj-legend-row"><span class="zj-legend-sw">' + sw + '</span><span>' + esc(e.name) + '</span></div>';
      });
      h += '</div>';
    });
    h += pluginLegendHtml(onlyUsed);
    return h + '</div>';
  }

  // The legend starts folded to its title, a small box in the corner that a click opens: open,
  // it would cover a third of a small map. Rebuilding it (a plugin layer, a language, leaving
  // print mode) keeps it as the user left it; a printed legend is always open.
  var legendFolded = true;

  var Legend = L.Control.extend({
    options: {position: 'bottomright'},
    onAdd: function () {
      var print = this.options.print;
      var div = L.DomUtil.create('div', 'zj-legend leaflet-bar' +
        (print ? ' zj-legend-print' : legendFolded ? ' zj-legend-folded' : ''));
      div.innerHTML = legendHtml(print);
      if (!print) {
        div.firstChild.title = cfg.labels.legendFold || '';
        div.firstChild.addEventListener('click', function () {
          legendFolded = div.classList.toggle('zj-legend-folded');
        });
      }
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    }
  });

  function placeLegend(on, print) {
    if (legendControl) { legendControl.remove(); legendControl = null; }
    if (on) { legendControl = new Legend({print: !!print}).addTo(map); }
    cfg.legendShown = !!on;
    return !!on;
  }

  // Python's "Legend" button (and the README's legend sheet): asked for, it comes open
  Z.showLegend = function (on, print) {
    if (on && !print) { legendFolded = false; }
    return placeLegend(on, print);
  };

  Z.legendFolded = function () {  // the legend's state (tests)
    return legendControl ? legendControl.getContainer().classList.contains('zj-legend-folded') : null;
  };

  // ------------------------------------------------------------------ drawing (标绘) and measuring

  function applyDrawWords(words) {
    if (!L.drawLocal || !words) { return; }
    var d = L.drawLocal;
    d.draw.toolbar.actions.title = words.cancelTitle; d.draw.toolbar.actions.text = words.cancel;
    d.draw.toolbar.finish.title = words.finishTitle; d.draw.toolbar.finish.text = words.finish;
    d.draw.toolbar.undo.title = words.undoTitle; d.draw.toolbar.undo.text = words.undo;
    d.draw.toolbar.buttons.polyline = words.polyline; d.draw.toolbar.buttons.polygon = words.polygon;
    d.draw.toolbar.buttons.rectangle = words.rectangle; d.draw.toolbar.buttons.marker = words.marker;
    d.draw.handlers.marker.tooltip.start = words.markerStart;
    d.draw.handlers.polyline.tooltip.start = words.lineStart;
    d.draw.handlers.polyline.tooltip.cont = words.lineCont;
    d.draw.handlers.polyline.tooltip.end = words.lineEnd;
    d.draw.handlers.polygon.tooltip.start = words.polygonStart;
    d.draw.handlers.polygon.tooltip.cont = words.polygonCont;
    d.draw.handlers.polygon.tooltip.end = words.polygonEnd;
    d.draw.handlers.rectangle.tooltip.start = words.rectangleStart;
    d.draw.handlers.simpleshape.tooltip.end = words.simpleEnd;
    d.edit.handlers.edit.tooltip.text = words.editText;
    d.edit.handlers.edit.tooltip.subtext = words.editSubtext;
  }

  function rebuildDrawControl() {
    if (drawControl) { drawControl.remove(); }
    drawControl = new L.Control.Draw({
      position: 'topleft',
      draw: {
        polyline: {shapeOptions: {color: '#ff6d00', weight: 4}, metric: true, feet: false, showLength: true},
        polygon: {shapeOptions: {color: '#ff6d00', weight: 3}, allowIntersection: false, showArea: true, metric: true},
        rectangle: {shapeOptions: {color: '#ff6d00', weight: 3}, showArea: true, metric: true},
        marker: {icon: L.divIcon({className: 'zj-draft-point', iconSize: [18, 18]})},
        circle: false, circlemarker: false
      },
      edit: false
    }).addTo(map);
  }

  function onCreated(e) {
    if (measureKind) { finishMeasure(e.layer); return; }
    if (pending) { pending.remove(); }
    pending = e.layer;
    pending.options.pane = 'zjDraft';
    if (pending.setStyle) { pending.setStyle({color: '#ff6d00', dashArray: '6 6', weight: 3}); }
    pending.addTo(map);
    var geom = storedGeometry(pending.toGeoJSON(false).geometry);
    if (py) { py.drawn(JSON.stringify(geom)); }
  }

  Z.clearPending = function () {
    if (pending) { pending.remove(); pending = null; }
  };

  // what the tests do instead of a mouse: leaflet-draw's own event, with a real layer
  Z.simulateDraw = function (geom) {
    var layer = geom.type === 'Point' ? L.marker(shown(geom.coordinates[0], geom.coordinates[1])) :
      geom.type === 'LineString' ? L.polyline(swap(geom.coordinates)) : L.polygon(swap(geom.coordinates));
    map.fire(L.Draw.Event.CREATED, {layer: layer, layerType: geom.type === 'Point' ? 'marker' :
      geom.type === 'LineString' ? 'polyline' : 'polygon'});
  };

  Z.draw = function (kind) {  // start drawing from the Qt toolbar: marker | polyline | polygon
    Z.cancelTools();
    var H = {marker: L.Draw.Marker, polyline: L.Draw.Polyline, polygon: L.Draw.Polygon, rectangle: L.Draw.Rectangle}[kind];
    if (!H) { return false; }
    measureHandler = null;
    var opts = drawControl && drawControl.options.draw[kind] ? drawControl.options.draw[kind] : {};
    var h = new H(map, opts);
    h.enable();
    Z._drawHandler = h;
    return true;
  };

  function fmtLength(m) {
    return m >= 1000 ? (m / 1000).toFixed(m >= 10000 ? 1 : 2) + ' ' + cfg.labels.km : Math.round(m) + ' ' + cfg.labels.m;
  }
  function fmtArea(a) {
    return a >= 1e6 ? (a / 1e6).toFixed(a >= 1e7 ? 1 : 2) + ' ' + cfg.labels.km2 : Math.round(a) + ' ' + cfg.labels.m2;
  }

  function lengthOf(latlngs) {
    var d = 0;
    for (var i = 1; i < latlngs.length; i++) { d += latlngs[i - 1].distanceTo(latlngs[i]); }
    return d;
  }

  Z.measure = function (kind) {  // 'distance' | 'area'
    Z.cancelTools();
    measureKind = kind;
    var style = {color: '#00b8d4', weight: 3, dashArray: '8 6', fillOpacity: 0.15};
    measureHandler = kind === 'area' ?
      new L.Draw.Polygon(map, {shapeOptions: style, showArea: true, metric: true, allowIntersection: false}) :
      new L.Draw.Polyline(map, {shapeOptions: style, showLength: true, metric: true, feet: false});
    measureHandler.enable();
    return true;
  };

  function finishMeasure(layer) {
    var kind = measureKind, value, text;
    var latlngs = layer.getLatLngs();
    if (kind === 'area') {
      var ring = latlngs[0];
      value = L.GeometryUtil.geodesicArea(ring);
      text = fmtArea(value);
    } else {
      value = lengthOf(latlngs);
      text = fmtLength(value);
    }
    if (measureLayer) { measureLayer.remove(); }
    layer.options.pane = 'zjDraft';
    measureLayer = layer.addTo(map);
    layer.bindTooltip(esc(text), {permanent: true, className: 'zj-measure-label', direction: 'center'}).openTooltip();
    measureHandler = null; measureKind = null;
    if (py) { py.measured(kind, value); }
  }

  Z.measureValue = function (kind, coords) {  // for tests and for Python: geodesic, like the tool
    var ll = coords.map(function (c) { return L.latLng(c[1], c[0]); });
    return kind === 'area' ? L.GeometryUtil.geodesicArea(ll) : lengthOf(ll);
  };

  Z.cancelTools = function () {
    if (measureHandler) { measureHandler.disable(); measureHandler = null; }
    if (Z._drawHandler) { Z._drawHandler.disable(); Z._drawHandler = null; }
    measureKind = null;
    if (measureLayer) { measureLayer.remove(); measureLayer = null; }
  };

  // ------------------------------------------------------------------ editing a plotted shape

  Z.editStart = function (id) {
    Z.editFinish(false);
    var rec = items[id];
    if (!rec || !rec.parts.length) { return false; }
    var layer = rec.parts[0];
    var g = groups[rec.key];
    g.removeLayer(layer);
    var copy;
    if (layer instanceof SymbolMarker) {
      var b = layer._bmp;
      copy = L.marker(layer.getLatLng(), {draggable: true, pane: 'zjDraft', icon: L.divIcon({
        className: 'zj-marker zj-editing', html: symbolHtml(layer._it.sym, {badge: layer._it.badge}),
        iconSize: [b.size, b.size], iconAnchor: [b.size / 2, b.pin ? b.size : b.size / 2]})});
    } else {
      var st = L.extend({}, layer.options, {pane: 'zjDraft', renderer: undefined});
      copy = layer instanceof L.Polygon ? L.polygon(layer.getLatLngs(), st) : L.polyline(layer.getLatLngs(), st);
    }
    copy.addTo(map);
    if (copy.editing) { copy.editing.enable(); }
    editing = {id: id, layer: copy, original: layer, group: g};
    return true;
  };

  Z.editSet = function (geom) {  // put the shape being edited somewhere else (tests, typed coordinates)
    if (!editing) { return false; }
    if (geom.type === 'Point') { editing.layer.setLatLng(shown(geom.coordinates[0], geom.coordinates[1])); } else {
      editing.layer.setLatLngs(swap(geom.coordinates));
    }
    return true;
  };

  Z.editGeometry = function () {
    return editing ? storedGeometry(editing.layer.toGeoJSON(false).geometry) : null;
  };

  Z.editFinish = function (save) {
    if (!editing) { return null; }
    var e = editing;
    editing = null;
    var geom = storedGeometry(e.layer.toGeoJSON(false).geometry);
    if (e.layer.editing) { e.layer.editing.disable(); }
    e.layer.remove();
    if (items[e.id]) { e.group.addLayer(e.original); }
    if (save && py) { py.edited(e.id, JSON.stringify(geom)); }
    return geom;
  };

  // ------------------------------------------------------------------ print / export

  function gridStep(span) {
    var steps = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (span / steps[i] <= 8) { return steps[i]; } }
    return 20;
  }

  function gridLayer() {
    var b = map.getBounds(), group = L.layerGroup();
    var dLat = gridStep(b.getNorth() - b.getSouth()), dLon = gridStep(b.getEast() - b.getWest());
    var step = Math.max(dLat, dLon);
    var digits = step < 0.001 ? 4 : step < 0.01 ? 3 : step < 0.1 ? 2 : 1;
    var style = {color: '#37474f', weight: 0.8, opacity: 0.6, dashArray: '4 4', interactive: false, pane: 'zjPrint'};
    for (var lat = Math.ceil(b.getSouth() / step) * step; lat < b.getNorth(); lat += step) {
      group.addLayer(L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style));
      group.addLayer(L.marker([lat, b.getWest()], {pane: 'zjPrint', interactive: false,
        icon: L.divIcon({className: 'zj-grid-label zj-grid-lat', html: lat.toFixed(digits) + '°N', iconSize: null})}));
    }
    for (var lon = Math.ceil(b.getWest() / step) * step; lon < b.getEast(); lon += step) {
      group.addLayer(L.polyline([[b.getSouth(), lon], [b.getNorth(), lon]], style));
      group.addLayer(L.marker([b.getNorth(), lon], {pane: 'zjPrint', interactive: false,
        icon: L.divIcon({className: 'zj-grid-label zj-grid-lon', html: lon.toFixed(digits) + '°E', iconSize: null})}));
    }
    return group;
  }

  var Box = L.Control.extend({
    onAdd: function () {
      var div = L.DomUtil.create('div', this.options.className);
      div.innerHTML = this.options.html;
      return div;
    }
  });

  // the tile bases in view still fetching tiles: call fn once they are in (or after a while,
  // so a missing tile server never holds an export up)
  function whenTilesLoaded(fn) {
    var loading = Object.keys(bases).map(function (id) { return bases[id]; }).filter(function (b) {
      return map.hasLayer(b) && b.isLoading && b.isLoading();
    });
    var left = loading.length, done = false;
    var finish = function () { if (!done) { done = true; fn(); } };
    if (!left) { finish(); return; }
    loading.forEach(function (b) { b.once('load', function () { left -= 1; if (!left) { finish(); } }); });
    setTimeout(finish, 8000);
  }

  // opts: {title, subtitle, north, frame, legend} to enter print mode; null to leave it.
  // frame ([[south, west], [north, east]]): the print shows that area (the situation report's
  // incident), and leaving print mode returns to the view the person had; legend false: none.
  Z.print = function (opts) {
    var wasPrinting = document.body.classList.contains('zj-printing');
    printControls.forEach(function (c) { c.remove(); });
    printControls = [];
    if (printLayer) { printLayer.remove(); printLayer = null; }
    document.body.classList.toggle('zj-printing', !!opts);
    var sentinel = document.querySelector('.zj-print-sentinel');
    if (sentinel) { sentinel.remove(); }
    if (!opts) {
      if (printReturn) {
        map.setView(printReturn.center, printReturn.zoom, {animate: false});
        printReturn = null;
      }
      if (selection) { selection.addTo(map); }
      placeLegend(!!cfg.legendWanted);  // as the person left it (folded or open)
      return false;
    }
    Z.cancelTools();
    if (opts.frame) {
      if (!printReturn) { printReturn = {center: map.getCenter(), zoom: map.getZoom()}; }
      var f = opts.frame;
      // quarter zoom steps: a whole step can leave the area at half the picture's size
      var snap = map.options.zoomSnap;
      map.options.zoomSnap = 0.25;
      map.fitBounds(L.latLngBounds(shown(f[0][1], f[0][0]), shown(f[1][1], f[1][0])),
        // room at the top for the title box and the north arrow, so they cover no record
        {maxZoom: opts.maxZoom || 15, paddingTopLeft: [40, 110], paddingBottomRight: [40, 40], animate: false});
      map.options.zoomSnap = snap;
      if (selection) { selection.remove(); }  // a table's highlight is not part of the report
    }
    // two pixels of a colour maps never use, top left: Python grabs the view until it sees
    // them, so the file holds the print layout and not a frame from before (then paints over them)
    sentinel = document.createElement('div');
    sentinel.className = 'zj-print-sentinel';
    document.body.appendChild(sentinel);
    printLayer = gridLayer().addTo(map);
    printControls.push(new Box({position: 'topleft', className: 'zj-print-title',
      html: '<div class="zj-print-h">' + esc(opts.title) + '</div><div class="zj-print-sub">' + esc(opts.subtitle || '') + '</div>'}).addTo(map));
    printControls.push(new Box({position: 'topright', className: 'zj-north',
      html: '<svg viewBox="0 0 40 56" width="40" height="56"><polygon points="20,4 32,44 20,36 8,44" fill="#263238"/>' +
        '<polygon points="20,4 20,36 8,44" fill="#90a4ae"/><text x="20" y="55" text-anchor="middle" font-size="13" font-weight="bold" fill="#263238">' +
        esc(opts.north || 'N') + '</text></svg>'}).addTo(map));
    if (!wasPrinting) { cfg.legendWanted = !!cfg.legendShown; }  // the person's, not a print's
    placeLegend(opts.legend !== false, true);  // the symbols on this map only, all of them open
    document.fonts.ready.then(function () { whenTilesLoaded(Z.printPing); });
    return true;
  };

  // say (again) what print mode shows, once painted: Python grabs the view then, and asks
  // again while the frame it grabs is still the one from before
  Z.printPing = function () {
    afterPaint(function () {
      if (!py) { return; }
      var q = function (sel) { return document.querySelectorAll(sel).length; };
      py.printReady(JSON.stringify({  // what is on the page being grabbed
        title: (document.querySelector('.zj-print-h') || {}).textContent || '',
        subtitle: (document.querySelector('.zj-print-sub') || {}).textContent || '',
        north: q('.zj-north svg') === 1, scale: q('.leaflet-control-scale-line') > 0,
        grid: q('.zj-grid-label'), legendRows: q('.zj-legend-print .zj-legend-row'),
        bbox: Z.view().bbox, zoom: map.getZoom()
      }));
    });
    return true;
  };

  // ------------------------------------------------------------------ facts for Python and tests

  Z.count = function (layer) {
    var n = 0;
    Object.keys(items).forEach(function (id) { if (!layer || items[id].key === layer) { n += 1; } });
    return n;
  };
  Z.rendered = function (layer) {  // Leaflet layers held by the group (markers + shapes)
    var g = groups[layer];
    return g ? g.getLayers().length : -1;
  };
  Z.position = function (id) {
    var rec = items[id];
    if (!rec) { return null; }
    var ll = bestLatLng(rec);
    return ll ? stored(ll) : null;
  };
  Z.item = function (id) { return items[id] ? items[id].it : null; };
  Z.drawnAt = function (id) {  // where an item is drawn, in the datum of the base map in view
    var rec = items[id], ll = rec ? bestLatLng(rec) : null;
    return ll ? [ll.lng, ll.lat] : null;
  };
  Z.click = function (id) {  // what a click on the item does (tests)
    var rec = items[id];
    if (!rec || !rec.parts.length) { return false; }
    rec.parts[0].fire('click', {latlng: bestLatLng(rec)});
    return true;
  };
  Z.selectedId = function () { return selection ? selectedId : null; };
  Z.view = function () {
    var b = map.getBounds();
    // bbox as drawn: the tile grid of the base in view (what an area download needs)
    return {bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom(),
      center: stored(map.getCenter()), datum: datum};
  };
  Z.setView = function (lon, lat, zoom) { map.setView(shown(lon, lat), zoom); };
  Z.visibleMarkers = function () {  // symbols on the canvas and cluster bubbles now
    var n = document.querySelectorAll('.leaflet-marker-pane .zj-cluster').length;
    Object.keys(items).forEach(function (id) {
      items[id].parts.forEach(function (p) { if (p instanceof SymbolMarker && p._map) { n += 1; } });
    });
    return n;
  };
  Z.look = function (id) {  // how an item is drawn: its bitmap's key parts (tests)
    var rec = items[id];
    if (!rec || !(rec.parts[0] instanceof SymbolMarker)) { return null; }
    var it = rec.parts[0]._it, b = rec.parts[0]._bmp;
    return {sym: it.sym, badge: it.badge || null, overdue: !!it.overdue, dim: !!it.dim,
      bar: it.bar ? barColor(it.bar[1] > 0 ? it.bar[0] / it.bar[1] : 0) : null, size: b.size,
      onMap: !!rec.parts[0]._map, label: rec.parts[0].showsLabel()};
  };
  Z.errorsSoFar = function () { return Z.errors.slice(); };

  // ------------------------------------------------------------------ start

  Z.configure = function (c) {
    var first = !cfg;
    cfg = c;
    symbols = c.symbols || {};
    labelZoom = c.labelZoom || 15;
    makeGroups(c.layers || []);
    (c.layers || []).forEach(function (l) {
      if (l.visible === false && groups[l.key] && map.hasLayer(groups[l.key]) && first) { map.removeLayer(groups[l.key]); }
    });
    applyDrawWords(c.draw);
    rebuildDrawControl();
    if (first || c.bases) { Z.setBases(c.bases || [], c.base); } else { rebuildLayerControl(); }
    Z.setNight(!!c.night);
    placeLegend(c.legendShown !== false && (first ? !!c.legend : !!cfg.legendShown));
    if (first && c.view) { map.setView(shown(c.view.center[0], c.view.center[1]), c.view.zoom); }
    // icons carry words (labels) and symbols may have changed: draw every item again
    if (!first) {
      var all = Object.keys(items).map(function (id) { return items[id].it; });
      Z.apply({upsert: all});
    }
    onZoom();
    return true;
  };

  Z.start = function (leafletMap) {
    map = leafletMap;
    map.options.minZoom = 3;
    map.options.maxZoom = 19;  // clustering needs a bound, and a map with no tile layer has none
    L.control.scale({imperial: false, maxWidth: 160}).addTo(map);
    map.createPane('zjBase').style.zIndex = 150;
    map.createPane('zjTileOverlay').style.zIndex = 250;
    map.createPane('zjBaseLabels').style.zIndex = 260;
    map.getPane('zjBaseLabels').style.pointerEvents = 'none';
    map.getPane('zjTileOverlay').style.pointerEvents = 'none';
    map.createPane('zjAreaLabels').style.zIndex = 450;  // above areas and lines, under markers
    map.getPane('zjAreaLabels').style.pointerEvents = 'none';
    map.createPane('zjDraft').style.zIndex = 640;
    map.createPane('zjSelect').style.zIndex = 650;
    map.createPane('zjPrint').style.zIndex = 660;
    map.getPane('zjSelect').style.pointerEvents = 'none';
    map.getPane('zjDraft').style.pointerEvents = 'none';  // its handles are interactive themselves
    // One canvas for every record, shapes and symbols alike: a canvas above another would take
    // the clicks meant for the one below (Leaflet does not pass them through).
    shared = L.canvas({pane: 'overlayPane', padding: 0.25});
    var draw = shared._draw;
    shared._draw = function () {
      placed = [];
      queues = {important: [], areas: [], names: []};
      var result = draw.apply(this, arguments);
      var ctx = this._ctx, b = this._redrawBounds;
      ctx.save();
      if (b) {  // a partial redraw: names stay inside the cleared region, like everything else
        var size = b.getSize();
        ctx.beginPath();
        ctx.rect(b.min.x, b.min.y, size.x, size.y);
        ctx.clip();
      }
      drawLabels(ctx);
      ctx.restore();
      return result;
    };
    map.options.renderer = shared;
    map.on('moveend', function () {  // after the clusters have moved
      setTimeout(function () { updateLabels(); raiseTop(); }, 0);
    });
    var fa = document.fonts.load('900 16px ' + FA_FONT);
    fa.then(whenFontsReady, whenFontsReady);
    map.getPane('zjPrint').style.pointerEvents = 'none';
    map.attributionControl.setPrefix(false);
    map.on(L.Draw.Event.CREATED, onCreated);
    map.on('baselayerchange', function (e) {
      var b = e.layer.zjBase;
      if (!b || b.id === baseId) { return; }
      var center = stored(map.getCenter());
      if (baseId && bases[baseId] && bases[baseId] !== e.layer) { map.removeLayer(bases[baseId]); }
      baseId = b.id;
      setDatum(b.datum === 'gcj02' ? 'gcj02' : 'wgs84');
      map.panTo(shown(center[0], center[1]), {animate: false});
      if (py) { py.baseChanged(b.id); }
    });
    map.on('overlayadd overlayremove', function (e) {
      if (py && e.layer.zjKey) { py.layerChanged(e.layer.zjKey, e.type === 'overlayadd'); }
      if (e.type === 'overlayadd' && plugin.layers[e.layer.zjKey]) { pluginToBack(plugin.layers[e.layer.zjKey]); }
    });
    map.on('zoomend', onZoom);
    var pendingMove = null;
    map.on('mousemove', function (e) {
      if (!py) { return; }
      if (!pendingMove) {
        requestAnimationFrame(function () {
          var w = stored(pendingMove);
          py.cursor(w[1], w[0]);
          pendingMove = null;
        });
      }
      pendingMove = e.latlng;
    });
    map.on('mouseout', function () { if (py) { py.cursorLeft(); } });
    map.on('moveend', function () { if (py) { py.viewChanged(JSON.stringify(Z.view())); } });
    map.on('click', function () { if (!measureHandler && !Z._drawHandler && !editing) { Z.clearSelection(); } });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { Z.cancelTools(); Z.editFinish(false); }
    });
    new QWebChannel(qt.webChannelTransport, function (channel) {
      py = channel.objects.zhijiu;
      py.ready(Z.loads);
    });
  };
})();
