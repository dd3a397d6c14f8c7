//VERSION=3
// NDVI = (NIR - red) / (NIR + red) from Sentinel-2 bands B08 and B04, as 32-bit float in -1..1,
// with a second output that tells where data exists (1) or not (0).

function setup() {
  return {
    input: [{ bands: ["B04", "B08", "dataMask"] }],
    output: [
      { id: "ndvi", bands: 1, sampleType: "FLOAT32" },
      { id: "data_mask", bands: 1, sampleType: "UINT8" }
    ]
  };
}

function evaluatePixel(sample) {
  var sum = sample.B08 + sample.B04;
  var ndvi = sum === 0 ? 0 : (sample.B08 - sample.B04) / sum;
  return {
    ndvi: [ndvi],
    data_mask: [sample.dataMask]
  };
}
