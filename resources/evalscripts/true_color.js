//VERSION=3
// True colour: red, green and blue reflectance of Sentinel-2, brightened 2.5 times, as 8-bit RGB
// (what a photograph of the ground would show). Pixels without data are transparent in the fourth band.

function setup() {
  return {
    input: [{ bands: ["B04", "B03", "B02", "dataMask"] }],
    output: { id: "default", bands: 4, sampleType: "UINT8" }
  };
}

var GAIN = 2.5;

function toByte(reflectance) {
  return Math.max(0, Math.min(255, Math.round(reflectance * GAIN * 255)));
}

function evaluatePixel(sample) {
  return [toByte(sample.B04), toByte(sample.B03), toByte(sample.B02), sample.dataMask * 255];
}
