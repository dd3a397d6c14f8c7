// Deterministic synthetic Sentinel-2-like data and the per-pixel evaluation loop of the emulator.
// Loaded into the same V8 context as the user's evalscript, after it. Every name starts with __emu
// so that it cannot collide with the user's globals.

var __emuBandTable = {
  //        soil   vegetation water  cloud  urban
  B01: [0.100, 0.030, 0.080, 0.450, 0.120],
  B02: [0.120, 0.035, 0.070, 0.470, 0.130],
  B03: [0.150, 0.070, 0.050, 0.480, 0.150],
  B04: [0.190, 0.030, 0.030, 0.500, 0.170],
  B05: [0.220, 0.100, 0.020, 0.520, 0.190],
  B06: [0.240, 0.300, 0.010, 0.530, 0.200],
  B07: [0.250, 0.380, 0.010, 0.540, 0.210],
  B08: [0.270, 0.420, 0.010, 0.550, 0.220],
  B8A: [0.280, 0.430, 0.010, 0.550, 0.220],
  B09: [0.280, 0.400, 0.005, 0.450, 0.220],
  B10: [0.020, 0.005, 0.002, 0.150, 0.020],
  B11: [0.350, 0.200, 0.003, 0.400, 0.250],
  B12: [0.300, 0.090, 0.002, 0.300, 0.220]
};

function __emuHash(a, b, c) {
  var h = Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul(b | 0, 0x165667b1) ^ Math.imul(c | 0, 0x1b873593);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function __emuValueNoise(x, y, seed) {
  var x0 = Math.floor(x), y0 = Math.floor(y);
  var fx = x - x0, fy = y - y0;
  fx = fx * fx * (3 - 2 * fx);
  fy = fy * fy * (3 - 2 * fy);
  var a = __emuHash(x0, y0, seed), b = __emuHash(x0 + 1, y0, seed);
  var c = __emuHash(x0, y0 + 1, seed), d = __emuHash(x0 + 1, y0 + 1, seed);
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

// Crop calendars: [base NDVI, amplitude, peak day of year, half width in days, second peak (0 = none)].
var __emuCrops = [
  [0.12, 0.00, 180, 60, 0],    // bare soil / fallow
  [0.20, 0.65, 120, 35, 0],    // winter cereal
  [0.18, 0.70, 200, 30, 0],    // summer crop
  [0.20, 0.55, 110, 25, 240],  // double crop
  [0.55, 0.15, 170, 80, 0],    // orchard
  [0.30, 0.45, 150, 60, 0],    // grassland
  [-0.4, 0.00, 180, 60, 0],    // water
  [0.10, 0.03, 180, 60, 0]     // built-up
];

var __EMU_FIELD_LON = 0.0045, __EMU_FIELD_LAT = 0.0036;

function __emuField(lon, lat) {
  var row = Math.floor(lat / __EMU_FIELD_LAT);
  var shifted = lon / __EMU_FIELD_LON + __emuHash(row, 17, 3);
  var col = Math.floor(shifted);
  var kind = Math.floor(__emuHash(col, row, 11) * 6);
  var landscape = __emuValueNoise(lon / 0.04, lat / 0.04, 5);
  if (landscape < 0.12) kind = 6;
  else if (landscape > 0.9) kind = 7;
  return kind * 1000 + Math.floor(__emuHash(col, row, 23) * 1000);
}

function __emuNdvi(fieldCode, dayOfYear) {
  var crop = __emuCrops[Math.floor(fieldCode / 1000)];
  var jitter = (fieldCode % 1000) / 1000;
  var peak = crop[2] + (jitter - 0.5) * 30;
  var t = (dayOfYear - peak) / crop[3];
  var value = crop[0] + crop[1] * (0.85 + 0.3 * jitter) * Math.exp(-t * t);
  if (crop[4] > 0) {
    var t2 = (dayOfYear - crop[4] - (jitter - 0.5) * 20) / crop[3];
    value += crop[1] * 0.8 * Math.exp(-t2 * t2);
  }
  return value;
}

function __emuCloud(lon, lat, scene) {
  if (scene.cloudCoverage <= 0) return 0;
  var n = 0.6 * __emuValueNoise(lon / 0.06, lat / 0.06, scene.seed) +
          0.4 * __emuValueNoise(lon / 0.015, lat / 0.015, scene.seed + 1);
  var threshold = 1 - scene.cloudCoverage / 100;
  if (n <= threshold) return 0;
  return Math.min(1, (n - threshold) / 0.06);
}

function __emuSampleClass(names) {
  var body = "";
  for (var i = 0; i < names.length; i++) body += "this[" + JSON.stringify(names[i]) + "] = v[" + i + "];";
  return new Function("v", body);
}

function __emuDayOfYear(date) {
  return (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86400000;
}

var __EMU_OPTICAL = ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12"];
var __EMU_SPECIAL = {dataMask: 100, CLM: 101, CLP: 102, CLD: 103, SNW: 104, SCL: 105, AOT: 106, WVP: 107,
                     sunZenithAngles: 108, sunAzimuthAngles: 109, viewZenithMean: 110, viewAzimuthMean: 111};

function __emuBandCodes(bands) {
  var codes = new Int32Array(bands.length);
  for (var b = 0; b < bands.length; b++) {
    var optical = __EMU_OPTICAL.indexOf(bands[b]);
    var special = __EMU_SPECIAL[bands[b]];
    codes[b] = optical >= 0 ? optical : (special !== undefined ? special : -1);
    if (codes[b] < 0) throw new Error("Band '" + bands[b] + "' is not available in the requested collection.");
  }
  return codes;
}

// Surface reflectance of each optical band for each land-cover kind and vegetation fraction.
function __emuSurface(kind, veg, opticalIndex) {
  var row = __emuBandTable[__EMU_OPTICAL[opticalIndex]];
  if (kind === 6) return row[2];
  if (kind === 7) return row[4] * (1 - veg * 0.5) + row[1] * veg * 0.5;
  return row[0] * (1 - veg) + row[1] * veg;
}

// Fills `values` with the requested bands of one pixel of one scene.
function __emuPixelBands(p, codes, lon, lat, kind, ndvi, texture, cloud, scene, inside, values) {
  var veg = Math.max(0, Math.min(1, (ndvi - 0.1) / 0.8));
  var l1c = p.collection === "L1C";
  for (var b = 0; b < codes.length; b++) {
    var code = codes[b], v;
    if (code < 13) {
      if (!inside) { v = 0; } else {
        v = __emuSurface(kind, veg, code) * (1 + texture);
        v = v * (1 - cloud) + __emuBandTable[__EMU_OPTICAL[code]][3] * cloud;
        if (l1c) v = v * 1.04 + 0.02;
      }
      if (p.dn[b]) v = Math.round(v * 10000);
    } else if (code === 100) {
      v = inside ? 1 : 0;
    } else if (code === 101) {
      v = inside ? (cloud > 0.4 ? 1 : 0) : 255;
    } else if (code === 102) {
      v = inside ? Math.round(cloud * 255) : 255;
    } else if (code === 103) {
      v = inside ? Math.round(cloud * 100) : 0;
    } else if (code === 104) {
      v = 0;
    } else if (code === 105) {
      if (!inside) v = 0;
      else if (cloud > 0.7) v = 9;
      else if (cloud > 0.4) v = 8;
      else if (cloud > 0.1) v = 10;
      else if (kind === 6) v = 6;
      else v = veg > 0.35 ? 4 : 5;
    } else if (code === 106) {
      v = p.dn[b] ? 120 : 0.12;
    } else if (code === 107) {
      v = p.dn[b] ? 1500 : 1.5;
    } else if (code === 108) {
      v = 25 + Math.abs(lat) * 0.5 - 10 * Math.cos((scene.dayOfYear - 172) / 58.1);
    } else if (code === 109) {
      v = 140 + lat * 0.2;
    } else if (code === 110) {
      v = 5 + 3 * __emuValueNoise(lon, lat, 7);
    } else {
      v = 100 + 10 * __emuValueNoise(lon, lat, 9);
    }
    values[b] = v;
  }
}

function __emuLonLat(p, col, row) {
  var L = p.lattice, nx = L.nx, ny = L.ny;
  var gx = col / p.width * (nx - 1), gy = row / p.height * (ny - 1);
  var ix = Math.max(0, Math.min(nx - 2, Math.floor(gx))), iy = Math.max(0, Math.min(ny - 2, Math.floor(gy)));
  var fx = gx - ix, fy = gy - iy;
  var k00 = iy * nx + ix, k01 = k00 + 1, k10 = k00 + nx, k11 = k10 + 1;
  return [(L.lons[k00] * (1 - fx) + L.lons[k01] * fx) * (1 - fy) + (L.lons[k10] * (1 - fx) + L.lons[k11] * fx) * fy,
          (L.lats[k00] * (1 - fx) + L.lats[k01] * fx) * (1 - fy) + (L.lats[k10] * (1 - fx) + L.lats[k11] * fx) * fy];
}

function __emuMakeScenes(p) {
  var list = [];
  for (var i = 0; i < p.scenes.length; i++) {
    var s = p.scenes[i];
    var date = new Date(s.date);
    list.push({
      date: date, dateFrom: s.dateFrom, dateTo: s.dateTo, cloudCoverage: s.cloudCoverage,
      shId: s.shId, dataPath: s.dataPath, tileOriginalId: s.tileOriginalId,
      tiles: [{date: s.date, shId: s.shId, cloudCoverage: s.cloudCoverage, dataPath: s.dataPath,
               tileOriginalId: s.tileOriginalId}],
      seed: s.seed, dayOfYear: __emuDayOfYear(date)
    });
  }
  return list;
}

// preProcessScenes(collections) may drop scenes; the remaining ones are matched by date.
function __emuPreProcess(p, list) {
  if (typeof preProcessScenes !== "function" || p.mosaicking === "SIMPLE") return list;
  var key = p.mosaicking === "ORBIT" ? "orbits" : "tiles";
  var scenesObject = {};
  scenesObject[key] = list.map(function (s) {
    if (key === "orbits") return {dateFrom: s.dateFrom, dateTo: s.dateTo, tiles: s.tiles};
    return {date: s.tiles[0].date, shId: s.shId, cloudCoverage: s.cloudCoverage, dataPath: s.dataPath};
  });
  var result = preProcessScenes({scenes: scenesObject, from: new Date(p.timeFrom), to: new Date(p.timeTo)});
  var kept = (result && result.scenes && result.scenes[key]) || [];
  var out = [];
  for (var i = 0; i < kept.length; i++) {
    var when = key === "orbits" ? kept[i].dateFrom : kept[i].date;
    for (var j = 0; j < list.length; j++) {
      var candidate = key === "orbits" ? list[j].dateFrom : list[j].tiles[0].date;
      if (String(candidate) === String(when)) { out.push(list[j]); break; }
    }
  }
  return out;
}

function __emuScenesArgument(p, list) {
  var scenes = list.slice();
  if (p.mosaicking === "ORBIT") scenes.orbits = list;
  if (p.mosaicking === "TILE") scenes.tiles = list;
  return scenes;
}

function __emuInsideRow(runs, c) {
  for (var i = 0; i < runs.length; i += 2) {
    if (c >= runs[i] && c < runs[i + 1]) return true;
  }
  return false;
}

// Renders the whole raster; results are left in globalThis.__emuOutputs (one Float32Array per output,
// band-sequential: band * width * height + row * width + col). Rows [p.rowFrom, p.rowTo) only.
function __emuRender(p) {
  if (p.fusion && p.fusion.length) return __emuRenderFusion(p);
  var W = p.width, H = p.height, nb = p.bands.length;
  var outputs = p.outputs;
  var rowFrom = p.rowFrom || 0, rowTo = p.rowTo === undefined ? H : p.rowTo;
  var rows = rowTo - rowFrom;
  var codes = __emuBandCodes(p.bands);
  var SampleClass = __emuSampleClass(p.bands);
  var list = __emuPreProcess(p, __emuMakeScenes(p));
  var scenes = __emuScenesArgument(p, list);
  var ns = list.length;
  __emuUpdateOutput(outputs, scenes);
  var buffers = [];
  for (var o = 0; o < outputs.length; o++) buffers.push(new Float32Array(W * rows * outputs[o].bands));
  var plane = W * rows;
  var simple = p.mosaicking === "SIMPLE";
  var values = new Array(nb);
  var inputMetadata = {serviceVersion: "emulator", normalizationFactor: 0.0001};
  var customData = {};
  var outputMetadata = {userData: {}};
  var noScene = {cloudCoverage: 0, seed: 0, dayOfYear: 180};
  var ndviCache = new Float64Array(Math.max(ns, 1)), cachedField = -1;
  for (var r = rowFrom; r < rowTo; r++) {
    var runs = p.mask ? p.mask[r] : null;
    for (var c = 0; c < W; c++) {
      var ll = __emuLonLat(p, c + 0.5, r + 0.5);
      var lon = ll[0], lat = ll[1];
      var inside = runs === null ? true : __emuInsideRow(runs, c);
      var fieldCode = __emuField(lon, lat);
      var kind = Math.floor(fieldCode / 1000);
      var texture = (__emuHash(Math.floor(lon / 0.00009), Math.floor(lat / 0.00009), 31) - 0.5) * 0.06;
      if (fieldCode !== cachedField) {
        for (var q = 0; q < ns; q++) ndviCache[q] = __emuNdvi(fieldCode, list[q].dayOfYear);
        cachedField = fieldCode;
      }
      var samples;
      if (simple) {
        if (ns > 0) {
          var cloud0 = inside ? __emuCloud(lon, lat, list[0]) : 0;
          __emuPixelBands(p, codes, lon, lat, kind, ndviCache[0] + texture, texture, inside ? cloud0 : 0, list[0],
                          inside, values);
        } else {
          __emuPixelBands(p, codes, lon, lat, kind, 0, 0, 0, noScene, false, values);
        }
        samples = new SampleClass(values);
      } else {
        samples = new Array(ns);
        for (var s = 0; s < ns; s++) {
          var cloud = inside ? __emuCloud(lon, lat, list[s]) : 0;
          __emuPixelBands(p, codes, lon, lat, kind, ndviCache[s] + texture, texture, inside ? cloud : 0, list[s],
                          inside, values);
          samples[s] = new SampleClass(values);
        }
      }
      var result = evaluatePixel(samples, scenes, inputMetadata, customData, outputMetadata);
      var pixel = (r - rowFrom) * W + c;
      var isMap = result !== null && typeof result === "object" && !Array.isArray(result) &&
                  !ArrayBuffer.isView(result);
      for (var o2 = 0; o2 < outputs.length; o2++) {
        var out = outputs[o2];
        var got = isMap ? result[out.id] : (outputs.length === 1 ? result : undefined);
        var buf = buffers[o2];
        if (typeof got === "number" || typeof got === "boolean") {
          buf[pixel] = +got;
        } else if (got !== undefined && got !== null) {
          var n = Math.min(out.bands, got.length);
          for (var bb = 0; bb < n; bb++) buf[bb * plane + pixel] = got[bb];
        }
      }
    }
  }
  globalThis.__emuOutputs = buffers;
  return JSON.stringify({scenes: ns, bands: outputs.map(function (o) { return o.bands; })});
}

// updateOutput(outputs, collection) may change the band count of outputs, e.g. one band per scene.
function __emuUpdateOutput(outputs, scenes) {
  if (typeof updateOutput !== "function") return;
  var described = {};
  for (var i = 0; i < outputs.length; i++) {
    described[outputs[i].id] = {id: outputs[i].id, bands: outputs[i].bands, sampleType: outputs[i].sampleType};
  }
  updateOutput(described, {scenes: scenes});
  for (var j = 0; j < outputs.length; j++) {
    var bands = Math.floor(Number(described[outputs[j].id].bands));
    if (!(bands >= 1)) throw new Error("updateOutput() left output '" + outputs[j].id + "' without bands.");
    outputs[j].bands = bands;
  }
}

// Data fusion: samples and scenes are objects keyed by datasource id; each source has its own bands and
// acquisitions. With SIMPLE mosaicking each source still gives an array (of one sample).
function __emuRenderFusion(p) {
  var W = p.width, rowFrom = p.rowFrom || 0, rowTo = p.rowTo === undefined ? p.height : p.rowTo;
  var rows = rowTo - rowFrom, plane = W * rows, outputs = p.outputs;
  var simple = p.mosaicking === "SIMPLE";
  var sources = [], scenes = {}, counts = [];
  for (var i = 0; i < p.fusion.length; i++) {
    var f = p.fusion[i];
    var sourceParams = {bands: f.bands, dn: f.dn, collection: f.collection, mosaicking: p.mosaicking,
                        scenes: f.scenes, timeFrom: f.timeFrom, timeTo: f.timeTo};
    var list = __emuMakeScenes(sourceParams);
    sources.push({id: f.id, p: sourceParams, codes: __emuBandCodes(f.bands), Sample: __emuSampleClass(f.bands),
                  list: list, values: new Array(f.bands.length), ndvi: new Float64Array(Math.max(list.length, 1))});
    scenes[f.id] = __emuScenesArgument(sourceParams, list);
    counts.push(list.length);
  }
  __emuUpdateOutput(outputs, scenes[sources[0].id]);
  var buffers = [];
  for (var o = 0; o < outputs.length; o++) buffers.push(new Float32Array(plane * outputs[o].bands));
  var noScene = {cloudCoverage: 0, seed: 0, dayOfYear: 180};
  var inputMetadata = {serviceVersion: "emulator", normalizationFactor: 0.0001};
  var cachedField = -1;
  for (var r = rowFrom; r < rowTo; r++) {
    var runs = p.mask ? p.mask[r] : null;
    for (var c = 0; c < W; c++) {
      var ll = __emuLonLat(p, c + 0.5, r + 0.5), lon = ll[0], lat = ll[1];
      var inside = runs === null ? true : __emuInsideRow(runs, c);
      var fieldCode = __emuField(lon, lat), kind = Math.floor(fieldCode / 1000);
      var texture = (__emuHash(Math.floor(lon / 0.00009), Math.floor(lat / 0.00009), 31) - 0.5) * 0.06;
      var refresh = fieldCode !== cachedField;
      cachedField = fieldCode;
      var samples = {};
      for (var k = 0; k < sources.length; k++) {
        var src = sources[k], ns = src.list.length;
        if (refresh) for (var q = 0; q < ns; q++) src.ndvi[q] = __emuNdvi(fieldCode, src.list[q].dayOfYear);
        var wanted = simple ? Math.min(ns, 1) : ns, arr = new Array(simple ? 1 : ns);
        for (var s = 0; s < wanted; s++) {
          var cloud = inside ? __emuCloud(lon, lat, src.list[s]) : 0;
          __emuPixelBands(src.p, src.codes, lon, lat, kind, src.ndvi[s] + texture, texture, cloud, src.list[s],
                          inside, src.values);
          arr[s] = new src.Sample(src.values);
        }
        if (simple && ns === 0) {
          __emuPixelBands(src.p, src.codes, lon, lat, kind, 0, 0, 0, noScene, false, src.values);
          arr[0] = new src.Sample(src.values);
        }
        samples[src.id] = arr;
      }
      var result = evaluatePixel(samples, scenes, inputMetadata, {}, {userData: {}});
      __emuWrite(result, outputs, buffers, plane, (r - rowFrom) * W + c);
    }
  }
  globalThis.__emuOutputs = buffers;
  return JSON.stringify({scenes: counts[0], bands: outputs.map(function (o) { return o.bands; })});
}

function __emuWrite(result, outputs, buffers, plane, pixel) {
  var isMap = result !== null && typeof result === "object" && !Array.isArray(result) && !ArrayBuffer.isView(result);
  for (var o = 0; o < outputs.length; o++) {
    var out = outputs[o];
    var got = isMap ? result[out.id] : (outputs.length === 1 ? result : undefined);
    var buf = buffers[o];
    if (typeof got === "number" || typeof got === "boolean") {
      buf[pixel] = +got;
    } else if (got !== undefined && got !== null) {
      var n = Math.min(out.bands, got.length);
      for (var b = 0; b < n; b++) buf[b * plane + pixel] = got[b];
    }
  }
}
