/* Specification tests of the C ABI, written as a foreign caller sees it: C, the header, and
 * nothing else. Usage: abi_test TEST DATA_DIR TEMP_DIR. Exit 0 pass, 1 fail, 77 skipped
 * (the development data is absent). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chromofarm.h"

#define SKIPPED 77

static const char* data_dir;
static const char* temp_dir;
static int failures;

#define EXPECT(condition)                                                        \
  do {                                                                           \
    if (!(condition)) {                                                          \
      fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #condition);   \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

#define EXPECT_STATUS(call, expected)                                                               \
  do {                                                                                              \
    cf_status actual_ = (call);                                                                     \
    if (actual_ != (expected)) {                                                                    \
      fprintf(stderr, "%s:%d: %s returned %d, expected %d (%s)\n", __FILE__, __LINE__, #call,       \
              (int)actual_, (int)(expected), cf_last_error());                                      \
      ++failures;                                                                                   \
    }                                                                                               \
  } while (0)

#define EXPECT_OK(call) EXPECT_STATUS(call, CF_OK)

static void data_path(char* out, size_t size, const char* relative) {
  snprintf(out, size, "%s/%s", data_dir, relative);
}

static int data_exists(const char* relative) {
  char path[4096];
  FILE* file;
  data_path(path, sizeof path, relative);
  file = fopen(path, "rb");
  if (file == NULL) {
    fprintf(stderr, "skipped: %s is absent (set CF_DATA_DIR to the shared development data)\n", path);
    return 0;
  }
  fclose(file);
  return 1;
}

static cf_image* decode_data(const char* relative) {
  char path[4096];
  cf_image* image = NULL;
  data_path(path, sizeof path, relative);
  EXPECT_OK(cf_image_decode_file(path, 0, &image));
  return image;
}

static int error_mentions(const char* text) { return strstr(cf_last_error(), text) != NULL; }

/* ---- images ------------------------------------------------------------------------------ */

static int expect_decoded_size(const char* relative, int32_t width, int32_t height) {
  cf_image* image;
  int32_t w = 0, h = 0;
  if (!data_exists(relative)) return SKIPPED;
  image = decode_data(relative);
  EXPECT(image != NULL);
  EXPECT_OK(cf_image_size(image, &w, &h));
  EXPECT(w == width && h == height);
  cf_image_destroy(image);
  return failures ? 1 : 0;
}

static int decodes_pki3_lzw_tiff(void) {
  return expect_decoded_size("pki3/97002023.12/clase1_0_97002023.12.tiff", 23, 116);
}

static int decodes_bioimlab_palette_bmp(void) { return expect_decoded_size("bioimlab/1/10a.bmp", 28, 57); }

static int decodes_mfish_png(void) { return expect_decoded_size("metaphase-mfish/0im.png", 644, 516); }

static int refuses_corrupt_and_empty_buffers(void) {
  static const uint8_t png_signature_only[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                               'I',  'H', 'D', 'R', 0,    0,    1,    0,    0, 0, 1,  0};
  static const uint8_t text[] = "this is not an image at all";
  cf_image* image = (cf_image*)1;
  EXPECT_STATUS(cf_image_decode_buffer(png_signature_only, sizeof png_signature_only, 0, &image), CF_ERR_DECODE);
  EXPECT(image == NULL);
  EXPECT(strlen(cf_last_error()) > 0);
  EXPECT(error_mentions("PNG"));
  EXPECT_STATUS(cf_image_decode_buffer(text, sizeof text, 0, &image), CF_ERR_DECODE);
  EXPECT(strlen(cf_last_error()) > 0);
  EXPECT_STATUS(cf_image_decode_buffer(text, 0, 0, &image), CF_ERR_DECODE);
  EXPECT_STATUS(cf_image_decode_buffer(NULL, 0, 0, &image), CF_ERR_DECODE);
  return failures ? 1 : 0;
}

static int refuses_truncated_real_png(void) {
  char path[4096];
  uint8_t* bytes;
  size_t length;
  FILE* file;
  cf_image* image = NULL;
  if (!data_exists("metaphase-mfish/0im.png")) return SKIPPED;
  data_path(path, sizeof path, "metaphase-mfish/0im.png");
  file = fopen(path, "rb");
  bytes = (uint8_t*)malloc(1 << 20);
  length = fread(bytes, 1, 1 << 20, file);
  fclose(file);
  EXPECT_STATUS(cf_image_decode_buffer(bytes, length / 3, 0, &image), CF_ERR_DECODE);
  EXPECT(error_mentions("PNG"));
  /* The intact buffer decodes. */
  EXPECT_OK(cf_image_decode_buffer(bytes, length, 0, &image));
  cf_image_destroy(image);
  free(bytes);
  return failures ? 1 : 0;
}

static int refuses_oversized_image_from_its_header(void) {
  /* A PNG header claiming 100000 x 100000 with no pixel data behind it: refused as too large,
   * not as undecodable, because the header is read before any pixel is. */
  static const uint8_t huge[] = {0x89, 'P',  'N',  'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,  'I', 'H', 'D',
                                 'R',  0,    0x01, 0x86, 0xa0, 0,    0x01, 0x86, 0xa0, 8, 0, 0, 0,   0};
  cf_image* image = NULL;
  EXPECT_STATUS(cf_image_decode_buffer(huge, sizeof huge, 50000000, &image), CF_ERR_TOO_LARGE);
  EXPECT(error_mentions("100000x100000"));
  if (data_exists("metaphase-mfish/0im.png")) {
    char path[4096];
    data_path(path, sizeof path, "metaphase-mfish/0im.png");
    EXPECT_STATUS(cf_image_decode_file(path, 644 * 516 - 1, &image), CF_ERR_TOO_LARGE);
    EXPECT_OK(cf_image_decode_file(path, 644 * 516, &image));
    cf_image_destroy(image);
  }
  return failures ? 1 : 0;
}

static int reports_missing_file_with_its_path(void) {
  cf_image* image = NULL;
  EXPECT_STATUS(cf_image_decode_file("/nonexistent/chromofarm/cell.tiff", 0, &image), CF_ERR_IO);
  EXPECT(error_mentions("/nonexistent/chromofarm/cell.tiff"));
  return failures ? 1 : 0;
}

static int names_null_arguments(void) {
  cf_image* image = NULL;
  int32_t w, h;
  cf_model* model = NULL;
  EXPECT_STATUS(cf_image_decode_file(NULL, 0, &image), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("path"));
  EXPECT_STATUS(cf_image_size(NULL, &w, &h), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("image"));
  EXPECT_STATUS(cf_segment(NULL, NULL, NULL), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("out"));
  EXPECT_STATUS(cf_model_create(NULL, 0, CF_DEVICE_CPU, &model), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("config"));
  /* destroy accepts NULL */
  cf_image_destroy(NULL);
  cf_segmentation_destroy(NULL);
  cf_model_destroy(NULL);
  cf_trainer_destroy(NULL);
  return failures ? 1 : 0;
}

static int round_trips_pixels_through_png(void) {
  uint8_t pixels[6 * 4], back[6 * 4];
  char path[4096];
  cf_image *image = NULL, *decoded = NULL;
  int i;
  for (i = 0; i < 24; ++i) pixels[i] = (uint8_t)(i * 10);
  EXPECT_OK(cf_image_from_pixels(pixels, 5, 4, 6, &image)); /* stride 6 > width 5 */
  snprintf(path, sizeof path, "%s/round_trip.png", temp_dir);
  EXPECT_OK(cf_image_write_png(image, path));
  EXPECT_OK(cf_image_decode_file(path, 0, &decoded));
  EXPECT_STATUS(cf_image_copy_pixels(decoded, back, 19), CF_ERR_INVALID_ARGUMENT);
  EXPECT_OK(cf_image_copy_pixels(decoded, back, 20));
  for (i = 0; i < 20; ++i) EXPECT(back[i] == pixels[(i / 5) * 6 + i % 5]);
  cf_image_destroy(image);
  cf_image_destroy(decoded);
  return failures ? 1 : 0;
}

static int encodes_png_into_a_buffer(void) {
  uint8_t pixels[7 * 3], back[7 * 3];
  uint8_t* png;
  size_t required = 0, size = CF_PNG_BOUND(7, 3);
  cf_image *image = NULL, *decoded = NULL;
  int i;
  for (i = 0; i < 21; ++i) pixels[i] = (uint8_t)(255 - i * 11);
  EXPECT_OK(cf_image_from_pixels(pixels, 7, 3, 7, &image));
  /* Asking with no buffer reports the size and writes nothing. */
  EXPECT_STATUS(cf_image_encode_png(image, NULL, 0, &required), CF_ERR_INVALID_ARGUMENT);
  EXPECT(required > 8 && required <= size);
  png = (uint8_t*)malloc(size);
  EXPECT_STATUS(cf_image_encode_png(image, png, required - 1, &required), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("the PNG needs"));
  EXPECT_OK(cf_image_encode_png(image, png, size, &required));
  EXPECT(memcmp(png, "\x89PNG", 4) == 0);
  EXPECT_OK(cf_image_decode_buffer(png, required, 0, &decoded));
  EXPECT_OK(cf_image_copy_pixels(decoded, back, sizeof back));
  EXPECT(memcmp(back, pixels, sizeof back) == 0);
  EXPECT_STATUS(cf_image_encode_png(NULL, png, size, &required), CF_ERR_INVALID_ARGUMENT);
  free(png);
  cf_image_destroy(image);
  cf_image_destroy(decoded);
  return failures ? 1 : 0;
}

/* A bar 8 px wide and 60 long at 45 degrees, dark on white or (light_on_dark) bright on black. */
static cf_image* tilted_bar(int light_on_dark) {
  enum { side = 80 };
  static uint8_t pixels[side * side];
  cf_image* image = NULL;
  int x, y;
  for (y = 0; y < side; ++y)
    for (x = 0; x < side; ++x) {
      /* Distance across the diagonal through the centre, and along it. */
      const double across = fabs((x - 40.0) - (y - 40.0)) / sqrt(2.0), along = fabs((x - 40.0) + (y - 40.0)) / sqrt(2.0);
      const int inside = across <= 4.0 && along <= 30.0;
      pixels[y * side + x] = (uint8_t)(inside == light_on_dark ? 230 : 30);
    }
  EXPECT_OK(cf_image_from_pixels(pixels, side, side, side, &image));
  return image;
}

static int stands_a_tilted_crop_upright_dark_on_white(void) {
  int polarity;
  for (polarity = 0; polarity <= 1; ++polarity) {
    cf_image *bar = tilted_bar(polarity), *upright = NULL;
    cf_crop_measure measure;
    int32_t width = 0, height = 0;
    uint8_t* pixels;
    EXPECT_OK(cf_image_upright(bar, 3, &upright));
    EXPECT_OK(cf_image_size(upright, &width, &height));
    /* 60 long and 8 wide, standing: about 66 x 14 with the margins. */
    EXPECT(height >= 60 && height <= 72);
    EXPECT(width >= 10 && width <= 18);
    EXPECT_OK(cf_crop_measure_image(upright, &measure));
    EXPECT(measure.light_on_dark == 0);
    /* Outside the chromosome is white; its middle is dark. */
    pixels = (uint8_t*)malloc((size_t)width * height);
    EXPECT_OK(cf_image_copy_pixels(upright, pixels, (size_t)width * height));
    EXPECT(pixels[0] == 255 && pixels[(size_t)width * height - 1] == 255);
    EXPECT(pixels[(size_t)(height / 2) * width + width / 2] < 100);
    free(pixels);
    cf_image_destroy(bar);
    cf_image_destroy(upright);
  }
  {
    cf_image* bar = tilted_bar(0);
    cf_image* out = NULL;
    EXPECT_STATUS(cf_image_upright(bar, -1, &out), CF_ERR_INVALID_ARGUMENT);
    EXPECT(error_mentions("margin -1"));
    EXPECT(out == NULL);
    cf_image_destroy(bar);
  }
  return failures ? 1 : 0;
}

static int stands_real_crops_upright_dark_on_white(void) {
  const char* files[2] = {"pki3/97002023.12/clase1_0_97002023.12.tiff", "bioimlab/1/10a.bmp"};
  int i;
  for (i = 0; i < 2; ++i) {
    cf_image *crop, *upright = NULL;
    cf_crop_measure before, after;
    int32_t width = 0, height = 0;
    if (!data_exists(files[i])) return SKIPPED;
    crop = decode_data(files[i]);
    EXPECT_OK(cf_crop_measure_image(crop, &before));
    EXPECT_OK(cf_image_upright(crop, 2, &upright));
    EXPECT_OK(cf_image_size(upright, &width, &height));
    EXPECT(height > width);
    EXPECT_OK(cf_crop_measure_image(upright, &after));
    EXPECT(after.light_on_dark == 0);
    /* The same chromosome: its length survives the turn within a few pixels. */
    EXPECT(fabsf(after.length - before.length) <= 0.1f * before.length + 3.0f);
    cf_image_destroy(crop);
    cf_image_destroy(upright);
  }
  return failures ? 1 : 0;
}

/* ---- segmentation ------------------------------------------------------------------------ */

static int segments_mfish_spread_into_plausible_count(void) {
  cf_image* image;
  cf_segmentation* segmentation = NULL;
  cf_segment_options options;
  int32_t count = 0, i;
  if (!data_exists("metaphase-mfish/0im.png")) return SKIPPED;
  image = decode_data("metaphase-mfish/0im.png");
  memset(&options, 0, sizeof options);
  EXPECT_OK(cf_segment(image, &options, &segmentation));
  EXPECT_OK(cf_segmentation_count(segmentation, &count));
  printf("0im.png: %d instances\n", count);
  EXPECT(count >= 35 && count <= 60);
  for (i = 0; i < count; ++i) {
    cf_instance instance;
    EXPECT_OK(cf_segmentation_instance(segmentation, i, &instance));
    EXPECT(instance.x >= 0 && instance.y >= 0 && instance.x + instance.width <= 644 &&
           instance.y + instance.height <= 516);
    EXPECT(instance.area >= 40 && instance.length > 0);
  }
  EXPECT_STATUS(cf_segmentation_instance(segmentation, count, NULL), CF_ERR_INVALID_ARGUMENT);
  cf_segmentation_destroy(segmentation);
  cf_image_destroy(image);
  return failures ? 1 : 0;
}

static int cuts_crops_in_the_training_convention(void) {
  cf_image *image, *crop = NULL;
  cf_segmentation* segmentation = NULL;
  cf_segment_options options;
  cf_instance instance;
  cf_crop_measure measure;
  uint8_t* mask;
  int32_t width = 0, height = 0, inside = 0, i;
  if (!data_exists("metaphase-mfish/0im.png")) return SKIPPED;
  image = decode_data("metaphase-mfish/0im.png");
  memset(&options, 0, sizeof options);
  EXPECT_OK(cf_segment(image, &options, &segmentation));
  EXPECT_OK(cf_segmentation_instance(segmentation, 0, &instance));
  mask = (uint8_t*)malloc((size_t)instance.width * instance.height);
  EXPECT_OK(cf_segmentation_mask(segmentation, 0, mask, (size_t)instance.width * instance.height));
  for (i = 0; i < instance.width * instance.height; ++i) inside += mask[i] == 255;
  EXPECT(inside == instance.area);
  EXPECT_OK(cf_segmentation_crop(segmentation, 0, 5, &crop));
  EXPECT_OK(cf_image_size(crop, &width, &height));
  /* Turned long axis vertical: it fits in the box's diagonal plus the margins, and stands upright. */
  EXPECT(width <= (int32_t)ceil(hypot(instance.width, instance.height)) + 10);
  EXPECT(height <= (int32_t)ceil(hypot(instance.width, instance.height)) + 10);
  /* A light-on-dark spread gives dark chromosomes on white, like the training crops. */
  EXPECT_OK(cf_crop_measure_image(crop, &measure));
  EXPECT(measure.light_on_dark == 0);
  EXPECT(fabsf(measure.length - instance.length) < 0.25f * instance.length);
  free(mask);
  cf_image_destroy(crop);
  cf_segmentation_destroy(segmentation);
  cf_image_destroy(image);
  return failures ? 1 : 0;
}

/* ---- crops ------------------------------------------------------------------------------- */

static int measures_crop_polarity_and_size(void) {
  cf_image *pki3, *bioimlab;
  cf_crop_measure measure;
  if (!data_exists("pki3/97002023.12/clase1_0_97002023.12.tiff") || !data_exists("bioimlab/1/10a.bmp"))
    return SKIPPED;
  pki3 = decode_data("pki3/97002023.12/clase1_0_97002023.12.tiff");
  EXPECT_OK(cf_crop_measure_image(pki3, &measure));
  EXPECT(measure.light_on_dark == 0);
  EXPECT(measure.length > 80 && measure.length <= 120); /* the crop is 23x116 */
  EXPECT(measure.area > 0 && measure.area < 23 * 116);
  bioimlab = decode_data("bioimlab/1/10a.bmp");
  EXPECT_OK(cf_crop_measure_image(bioimlab, &measure));
  EXPECT(measure.light_on_dark == 1);
  EXPECT(measure.length > 30 && measure.length <= 64);
  cf_image_destroy(pki3);
  cf_image_destroy(bioimlab);
  return failures ? 1 : 0;
}

static int preprocesses_into_canvas_with_relative_size(void) {
  const char* files[2] = {"pki3/97002023.12/clase1_0_97002023.12.tiff", "bioimlab/1/10a.bmp"};
  cf_image* crops[2];
  cf_crop_measure measures[2];
  float reference_length[2], reference_area[2];
  cf_preprocess_options options;
  enum { canvas = 64 };
  static float pixels[2 * canvas * canvas], again[2 * canvas * canvas], other[2 * canvas * canvas];
  float features[4];
  int i;
  if (!data_exists(files[0]) || !data_exists(files[1])) return SKIPPED;
  for (i = 0; i < 2; ++i) {
    crops[i] = decode_data(files[i]);
    EXPECT_OK(cf_crop_measure_image(crops[i], &measures[i]));
    reference_length[i] = measures[i].length; /* each crop is its own cell's median */
    reference_area[i] = measures[i].area / 2;
  }
  memset(&options, 0, sizeof options);
  options.canvas = canvas;
  options.reference_length = 44.0f;
  EXPECT_OK(cf_preprocess((const cf_image* const*)crops, reference_length, reference_area, 2, &options, pixels,
                          2 * canvas * canvas, features, 4));
  for (i = 0; i < 2 * canvas * canvas; ++i) EXPECT(pixels[i] >= 0.0f && pixels[i] <= 1.0f);
  for (i = 0; i < 2; ++i) {
    const float* plane = pixels + i * canvas * canvas;
    int x, y, top = canvas, bottom = -1, left = canvas, right = -1, extent;
    EXPECT(plane[0] == 0.0f && plane[canvas * canvas - 1] == 0.0f); /* background 0 */
    for (y = 0; y < canvas; ++y)
      for (x = 0; x < canvas; ++x)
        if (plane[y * canvas + x] > 0.0f) {
          if (y < top) top = y;
          if (x < left) left = x;
          if (x > right) right = x;
          bottom = y;
        }
    /* Both crops are as long as their reference: drawn about 44 px long. */
    extent = bottom - top > right - left ? bottom - top + 1 : right - left + 1;
    printf("crop %d drawn %dx%d px\n", i, right - left + 1, bottom - top + 1);
    EXPECT(extent >= 36 && extent <= 50);
    EXPECT(fabsf(features[2 * i] - 1.0f) < 1e-4f && fabsf(features[2 * i + 1] - 2.0f) < 1e-3f);
  }

  /* Buffers too small are refused. */
  EXPECT_STATUS(cf_preprocess((const cf_image* const*)crops, reference_length, reference_area, 2, &options, pixels,
                              2 * canvas * canvas - 1, features, 4),
                CF_ERR_INVALID_ARGUMENT);
  EXPECT_STATUS(cf_preprocess((const cf_image* const*)crops, reference_length, reference_area, 2, &options, pixels,
                              2 * canvas * canvas, features, 3),
                CF_ERR_INVALID_ARGUMENT);

  /* Augmentation is a function of the seed. */
  options.augment = 1;
  options.seed = 42;
  options.max_rotation_deg = 180.0f;
  EXPECT_OK(cf_preprocess((const cf_image* const*)crops, reference_length, reference_area, 2, &options, pixels,
                          2 * canvas * canvas, features, 4));
  EXPECT_OK(cf_preprocess((const cf_image* const*)crops, reference_length, reference_area, 2, &options, again,
                          2 * canvas * canvas, features, 4));
  EXPECT(memcmp(pixels, again, sizeof pixels) == 0);
  options.seed = 43;
  EXPECT_OK(cf_preprocess((const cf_image* const*)crops, reference_length, reference_area, 2, &options, other,
                          2 * canvas * canvas, features, 4));
  EXPECT(memcmp(pixels, other, sizeof pixels) != 0);
  for (i = 0; i < 2; ++i) cf_image_destroy(crops[i]);
  return failures ? 1 : 0;
}

/* ---- classifier -------------------------------------------------------------------------- */

static cf_model_config small_config(void) {
  cf_model_config config;
  config.canvas = 32;
  config.base_width = 8;
  config.blocks_per_stage = 1;
  config.num_classes = CF_NUM_CLASSES;
  return config;
}

static void fill_batch(float* pixels, float* features, int32_t n, int32_t canvas) {
  int32_t i;
  unsigned state = 12345u;
  for (i = 0; i < n * canvas * canvas; ++i) {
    state = state * 1103515245u + 12345u;
    pixels[i] = (float)((state >> 16) & 0xff) / 255.0f;
  }
  for (i = 0; i < n * CF_NUM_SIZE_FEATURES; ++i) features[i] = 0.5f + 0.1f * (float)(i % 7);
}

static int forward_rows_are_probabilities(void) {
  cf_model_config config = small_config();
  cf_model* model = NULL;
  enum { n = 5 };
  float *pixels, features[n * CF_NUM_SIZE_FEATURES], probabilities[n * CF_NUM_CLASSES];
  int32_t i, k, device = -1;
  pixels = (float*)malloc(sizeof(float) * n * 32 * 32);
  fill_batch(pixels, features, n, 32);
  EXPECT_OK(cf_model_create(&config, 1, CF_DEVICE_CPU, &model));
  EXPECT_OK(cf_model_device(model, &device));
  EXPECT(device == CF_DEVICE_CPU);
  EXPECT_OK(cf_model_forward(model, pixels, features, n, probabilities, n * CF_NUM_CLASSES));
  for (i = 0; i < n; ++i) {
    double sum = 0;
    for (k = 0; k < CF_NUM_CLASSES; ++k) {
      EXPECT(probabilities[i * CF_NUM_CLASSES + k] >= 0.0f);
      sum += probabilities[i * CF_NUM_CLASSES + k];
    }
    EXPECT(fabs(sum - 1.0) < 1e-4);
  }
  EXPECT_STATUS(cf_model_forward(model, pixels, features, n, probabilities, n * CF_NUM_CLASSES - 1),
                CF_ERR_INVALID_ARGUMENT);
  cf_model_destroy(model);
  free(pixels);
  return failures ? 1 : 0;
}

static int save_and_load_give_identical_outputs(void) {
  cf_model_config config = small_config(), loaded_config;
  cf_model *model = NULL, *loaded = NULL;
  enum { n = 4 };
  float *pixels, features[n * CF_NUM_SIZE_FEATURES], before[n * CF_NUM_CLASSES], after[n * CF_NUM_CLASSES];
  char path[4096], metadata[64];
  size_t required = 0;
  int64_t count_before = 0, count_after = 0;
  const char* json = "{\"classes\":24}";
  pixels = (float*)malloc(sizeof(float) * n * 32 * 32);
  fill_batch(pixels, features, n, 32);
  snprintf(path, sizeof path, "%s/model.cfm", temp_dir);
  EXPECT_OK(cf_model_create(&config, 7, CF_DEVICE_CPU, &model));
  EXPECT_OK(cf_model_set_metadata(model, json));
  EXPECT_OK(cf_model_forward(model, pixels, features, n, before, n * CF_NUM_CLASSES));
  EXPECT_OK(cf_model_save(model, path));
  EXPECT_OK(cf_model_load(path, CF_DEVICE_CPU, &loaded));
  EXPECT_OK(cf_model_forward(loaded, pixels, features, n, after, n * CF_NUM_CLASSES));
  EXPECT(memcmp(before, after, sizeof before) == 0);
  EXPECT_OK(cf_model_get_config(loaded, &loaded_config));
  EXPECT(memcmp(&config, &loaded_config, sizeof config) == 0);
  EXPECT_OK(cf_model_parameter_count(model, &count_before));
  EXPECT_OK(cf_model_parameter_count(loaded, &count_after));
  EXPECT(count_before == count_after && count_before > 0);
  EXPECT_STATUS(cf_model_get_metadata(loaded, metadata, 4, &required), CF_ERR_INVALID_ARGUMENT);
  EXPECT(required == strlen(json) + 1);
  EXPECT_OK(cf_model_get_metadata(loaded, metadata, sizeof metadata, &required));
  EXPECT(strcmp(metadata, json) == 0);
  cf_model_destroy(model);
  cf_model_destroy(loaded);
  free(pixels);
  return failures ? 1 : 0;
}

static int refuses_corrupt_model_file(void) {
  char path[4096];
  FILE* file;
  cf_model* model = NULL;
  snprintf(path, sizeof path, "%s/corrupt.cfm", temp_dir);
  file = fopen(path, "wb");
  fputs("PK not really a model", file);
  fclose(file);
  EXPECT_STATUS(cf_model_load(path, CF_DEVICE_CPU, &model), CF_ERR_MODEL);
  EXPECT(error_mentions(path));
  EXPECT(model == NULL);
  snprintf(path, sizeof path, "%s/absent.cfm", temp_dir);
  EXPECT_STATUS(cf_model_load(path, CF_DEVICE_CPU, &model), CF_ERR_MODEL);
  EXPECT(error_mentions(path));
  return failures ? 1 : 0;
}

static int refuses_cuda_without_a_gpu(void) {
  cf_model_config config = small_config();
  cf_model* model = NULL;
  if (cf_cuda_available()) {
    fprintf(stderr, "skipped: CUDA is available here\n");
    return SKIPPED;
  }
  EXPECT_STATUS(cf_model_create(&config, 1, CF_DEVICE_CUDA, &model), CF_ERR_DEVICE);
  EXPECT(strlen(cf_last_error()) > 0);
  EXPECT_OK(cf_model_create(&config, 1, CF_DEVICE_AUTO, &model));
  cf_model_destroy(model);
  return failures ? 1 : 0;
}

static int training_steps_reduce_the_loss(void) {
  cf_model_config config = small_config();
  cf_model* model = NULL;
  cf_trainer* trainer = NULL;
  cf_trainer_options options;
  enum { n = 16 };
  float *pixels, features[n * CF_NUM_SIZE_FEATURES], weights[CF_NUM_CLASSES], first = 0, loss = 0;
  int64_t labels[n];
  int32_t i, correct = -1;
  pixels = (float*)malloc(sizeof(float) * n * 32 * 32);
  fill_batch(pixels, features, n, 32);
  for (i = 0; i < n; ++i) labels[i] = i % 4;
  for (i = 0; i < CF_NUM_CLASSES; ++i) weights[i] = 1.0f;
  options.learning_rate = 3e-3f;
  options.weight_decay = 1e-4f;
  options.label_smoothing = 0.1f;
  EXPECT_OK(cf_model_create(&config, 3, CF_DEVICE_CPU, &model));
  EXPECT_OK(cf_trainer_create(model, &options, &trainer));
  for (i = 0; i < 15; ++i) {
    EXPECT_OK(cf_trainer_step(trainer, pixels, features, labels, n, i % 2 ? weights : NULL, &loss, &correct));
    if (i == 0) first = loss;
    if (i == 5) EXPECT_OK(cf_trainer_set_learning_rate(trainer, 1e-3f));
  }
  printf("loss %.3f -> %.3f, %d/%d correct\n", first, loss, correct, n);
  EXPECT(loss < first);
  EXPECT(correct >= 0 && correct <= n);
  labels[3] = CF_NUM_CLASSES;
  EXPECT_STATUS(cf_trainer_step(trainer, pixels, features, labels, n, NULL, &loss, &correct),
                CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("labels[3]"));
  cf_trainer_destroy(trainer);
  cf_model_destroy(model);
  free(pixels);
  return failures ? 1 : 0;
}

/* A trainer saved after one step and restored into a model loaded from disk takes the next two
 * steps exactly as the uninterrupted one did: same losses, same weights afterwards. */
static int resumes_training_exactly(void) {
  cf_model_config config = small_config();
  cf_model *model = NULL, *resumed = NULL;
  cf_trainer *trainer = NULL, *resumed_trainer = NULL;
  cf_trainer_options options;
  enum { n = 8 };
  float *pixels, features[n * CF_NUM_SIZE_FEATURES], loss = 0, expected_loss[2] = {0, 0}, resumed_loss = 0;
  float expected_out[n * CF_NUM_CLASSES], resumed_out[n * CF_NUM_CLASSES];
  char model_path[1024], state_path[1024];
  int64_t labels[n];
  int32_t i, correct;
  pixels = (float*)malloc(sizeof(float) * n * 32 * 32);
  fill_batch(pixels, features, n, 32);
  for (i = 0; i < n; ++i) labels[i] = i % 3;
  options.learning_rate = 3e-3f;
  options.weight_decay = 1e-4f;
  options.label_smoothing = 0.1f;
  snprintf(model_path, sizeof model_path, "%s/resume.cfm", temp_dir);
  snprintf(state_path, sizeof state_path, "%s/resume.state", temp_dir);

  EXPECT_OK(cf_model_create(&config, 5, CF_DEVICE_CPU, &model));
  EXPECT_OK(cf_trainer_create(model, &options, &trainer));
  EXPECT_OK(cf_trainer_step(trainer, pixels, features, labels, n, NULL, &loss, &correct));
  EXPECT_OK(cf_model_save(model, model_path));
  EXPECT_OK(cf_trainer_save_state(trainer, state_path));
  for (i = 0; i < 2; ++i) EXPECT_OK(cf_trainer_step(trainer, pixels, features, labels, n, NULL, &expected_loss[i], &correct));
  EXPECT_OK(cf_model_forward(model, pixels, features, n, expected_out, n * CF_NUM_CLASSES));

  EXPECT_OK(cf_model_load(model_path, CF_DEVICE_CPU, &resumed));
  EXPECT_OK(cf_trainer_create(resumed, &options, &resumed_trainer));
  EXPECT_OK(cf_trainer_load_state(resumed_trainer, state_path));
  for (i = 0; i < 2; ++i) {
    EXPECT_OK(cf_trainer_step(resumed_trainer, pixels, features, labels, n, NULL, &resumed_loss, &correct));
    EXPECT(resumed_loss == expected_loss[i]);
  }
  EXPECT_OK(cf_model_forward(resumed, pixels, features, n, resumed_out, n * CF_NUM_CLASSES));
  EXPECT(memcmp(expected_out, resumed_out, sizeof expected_out) == 0);

  EXPECT_STATUS(cf_trainer_load_state(resumed_trainer, model_path), CF_ERR_MODEL);
  snprintf(state_path, sizeof state_path, "%s/no-such.state", temp_dir);
  EXPECT_STATUS(cf_trainer_load_state(resumed_trainer, state_path), CF_ERR_MODEL);
  EXPECT(error_mentions("no-such.state"));
  cf_trainer_destroy(resumed_trainer);
  cf_trainer_destroy(trainer);
  cf_model_destroy(resumed);
  cf_model_destroy(model);
  free(pixels);
  return failures ? 1 : 0;
}

static int refuses_what_is_not_torchscript(void) {
  cf_model* model = NULL;
  cf_script_options options;
  char path[1024];
  FILE* file;
  memset(&options, 0, sizeof options);
  options.canvas = 96;
  options.channels = 1;
  options.num_classes = CF_NUM_CLASSES;
  options.std = 1.0f;
  snprintf(path, sizeof path, "%s/not-a-module.pt", temp_dir);
  file = fopen(path, "wb");
  EXPECT(file != NULL);
  if (file) {
    fputs("not a zip archive", file);
    fclose(file);
  }
  EXPECT_STATUS(cf_model_load_torchscript(path, &options, CF_DEVICE_CPU, &model), CF_ERR_MODEL);
  EXPECT(error_mentions("not-a-module.pt"));
  EXPECT(model == NULL);
  options.channels = 2;
  EXPECT_STATUS(cf_model_load_torchscript(path, &options, CF_DEVICE_CPU, &model), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("channels"));
  options.channels = 1;
  options.std = 0.0f;
  EXPECT_STATUS(cf_model_load_torchscript(path, &options, CF_DEVICE_CPU, &model), CF_ERR_INVALID_ARGUMENT);
  return failures ? 1 : 0;
}

/* ---- the learned segmenter --------------------------------------------------------------- */

enum { kTile = 32, kTiles = 4 };

/* Owner of each pixel of a tile: 0 background, 1.. a rectangle, -1 covered by two. */
static void draw_rectangle(int* owner, int id, int x0, int y0, int width, int height) {
  int x, y;
  for (y = y0; y < y0 + height; ++y)
    for (x = x0; x < x0 + width; ++x) owner[y * kTile + x] = owner[y * kTile + x] == 0 ? id : -1;
}

/* Tiles of bright rectangles on a dark, slightly noisy background, two of them touching, with
 * targets by the training rule: interior, or contact within one pixel (8-neighbourhood) of
 * another rectangle; the outermost row is ignored. */
static void rectangle_tiles(float* inputs, uint8_t* targets) {
  int owner[kTile * kTile];
  int i, x, y, dx, dy;
  unsigned state = 2024u;
  for (i = 0; i < kTiles; ++i) {
    float* input = inputs + i * kTile * kTile;
    uint8_t* target = targets + i * kTile * kTile;
    memset(owner, 0, sizeof owner);
    draw_rectangle(owner, 1, 3 + i, 4, 10, 20 - 2 * i);
    draw_rectangle(owner, 2, 13 + i, 6 + i, 8, 12); /* shares the column edge with rectangle 1 */
    draw_rectangle(owner, 3, 26, 20 - i, 5, 9);     /* alone */
    for (y = 0; y < kTile; ++y)
      for (x = 0; x < kTile; ++x) {
        const int own = owner[y * kTile + x];
        uint8_t label = CF_SEGMENT_BACKGROUND;
        state = state * 1103515245u + 12345u;
        input[y * kTile + x] = (own != 0 ? 1.0f : 0.0f) + 0.05f * (float)((state >> 16) & 0xff) / 255.0f;
        if (own == -1) label = CF_SEGMENT_CONTACT;
        else if (own != 0) {
          label = CF_SEGMENT_INTERIOR;
          for (dy = -1; dy <= 1; ++dy)
            for (dx = -1; dx <= 1; ++dx) {
              const int nx = x + dx, ny = y + dy;
              if (nx >= 0 && ny >= 0 && nx < kTile && ny < kTile && owner[ny * kTile + nx] != 0 &&
                  owner[ny * kTile + nx] != own)
                label = CF_SEGMENT_CONTACT;
            }
        }
        target[y * kTile + x] = y == kTile - 1 ? CF_SEGMENT_IGNORE : label;
      }
  }
}

/* Takes `steps` steps on the rectangle tiles; the first and the last loss come back. */
static void train_on_rectangles(cf_segment_net* net, int steps, float* first, float* last) {
  static float inputs[kTiles * kTile * kTile];
  static uint8_t targets[kTiles * kTile * kTile];
  const float weights[CF_SEGMENT_CLASSES] = {1.0f, 1.0f, 3.0f};
  float loss = 0;
  int i;
  rectangle_tiles(inputs, targets);
  for (i = 0; i < steps; ++i) {
    EXPECT_OK(cf_segment_net_step(net, inputs, targets, kTiles, kTile, 1e-2f, i % 2 ? weights : NULL, &loss));
    if (i == 0 && first != NULL) *first = loss;
  }
  if (last != NULL) *last = loss;
}

static int same_segmentations(const cf_segmentation* a, const cf_segmentation* b) {
  int32_t count_a = -1, count_b = -2, i;
  int same = 1;
  EXPECT_OK(cf_segmentation_count(a, &count_a));
  EXPECT_OK(cf_segmentation_count(b, &count_b));
  if (count_a != count_b) return 0;
  for (i = 0; i < count_a && same; ++i) {
    cf_instance first, second;
    uint8_t *mask_a, *mask_b;
    size_t length;
    EXPECT_OK(cf_segmentation_instance(a, i, &first));
    EXPECT_OK(cf_segmentation_instance(b, i, &second));
    if (memcmp(&first, &second, sizeof first) != 0) return 0;
    length = (size_t)first.width * first.height;
    mask_a = (uint8_t*)malloc(length);
    mask_b = (uint8_t*)malloc(length);
    EXPECT_OK(cf_segmentation_mask(a, i, mask_a, length));
    EXPECT_OK(cf_segmentation_mask(b, i, mask_b, length));
    same = memcmp(mask_a, mask_b, length) == 0;
    free(mask_a);
    free(mask_b);
  }
  return same;
}

/* A network trained a little (so its batch-norm statistics have moved off their initial values),
 * saved and loaded, segments the M-FISH spread exactly as before, and keeps its metadata. */
static int segment_net_save_and_load_give_identical_segmentations(void) {
  cf_image* image;
  cf_segment_net *net = NULL, *loaded = NULL;
  cf_segmentation *before = NULL, *after = NULL;
  cf_segment_options options;
  char path[4096], metadata[128];
  size_t required = 0;
  int32_t count = -1;
  const char* json = "{\"architecture\":\"chromofarm-unet3\",\"note\":\"\xc2\xb5m, \xe6\x9f\x93\xe8\x89\xb2\xe4\xbd\x93\"}";
  if (!data_exists("metaphase-mfish/0im.png")) return SKIPPED;
  image = decode_data("metaphase-mfish/0im.png");
  memset(&options, 0, sizeof options);
  snprintf(path, sizeof path, "%s/segmenter.cfs", temp_dir);
  EXPECT_OK(cf_segment_net_create(4, 11, CF_DEVICE_CPU, &net));
  train_on_rectangles(net, 30, NULL, NULL);
  EXPECT_OK(cf_segment_net_set_metadata(net, json));
  EXPECT_OK(cf_segment_learned(image, net, &options, &before));
  EXPECT_OK(cf_segment_net_save(net, path));
  EXPECT_OK(cf_segment_net_load(path, CF_DEVICE_CPU, &loaded));
  EXPECT_OK(cf_segment_learned(image, loaded, &options, &after));
  EXPECT_OK(cf_segmentation_count(before, &count));
  printf("0im.png: %d instances before and after\n", count);
  EXPECT(count > 0); /* something to compare: thirty steps teach it that bright is chromosome */
  EXPECT(same_segmentations(before, after));
  EXPECT_STATUS(cf_segment_net_get_metadata(loaded, metadata, 4, &required), CF_ERR_INVALID_ARGUMENT);
  EXPECT(required == strlen(json) + 1);
  EXPECT_OK(cf_segment_net_get_metadata(loaded, metadata, sizeof metadata, &required));
  EXPECT(strcmp(metadata, json) == 0);
  cf_segmentation_destroy(before);
  cf_segmentation_destroy(after);
  cf_segment_net_destroy(net);
  cf_segment_net_destroy(loaded);
  cf_image_destroy(image);
  return failures ? 1 : 0;
}

static int segment_net_training_steps_reduce_the_loss(void) {
  cf_segment_net* net = NULL;
  float first = 0, last = 0;
  EXPECT_OK(cf_segment_net_create(8, 3, CF_DEVICE_CPU, &net));
  train_on_rectangles(net, 30, &first, &last);
  printf("loss %.3f -> %.3f\n", first, last);
  EXPECT(first > 0.0f && isfinite(first));
  EXPECT(last < 0.5f * first);
  cf_segment_net_destroy(net);
  return failures ? 1 : 0;
}

static int refuses_what_is_not_a_segment_net(void) {
  cf_model_config config = small_config();
  cf_model* model = NULL;
  cf_segment_net* net = (cf_segment_net*)1;
  char path[4096];
  FILE* file;
  snprintf(path, sizeof path, "%s/corrupt.cfs", temp_dir);
  file = fopen(path, "wb");
  EXPECT(file != NULL);
  if (file) {
    fputs("PK not really a network", file);
    fclose(file);
  }
  EXPECT_STATUS(cf_segment_net_load(path, CF_DEVICE_CPU, &net), CF_ERR_MODEL);
  EXPECT(error_mentions(path));
  EXPECT(net == NULL);

  snprintf(path, sizeof path, "%s/absent.cfs", temp_dir);
  EXPECT_STATUS(cf_segment_net_load(path, CF_DEVICE_CPU, &net), CF_ERR_MODEL);
  EXPECT(error_mentions(path));

  /* A classifier's file is a valid archive, but not of a segmentation network. */
  snprintf(path, sizeof path, "%s/classifier.cfm", temp_dir);
  EXPECT_OK(cf_model_create(&config, 1, CF_DEVICE_CPU, &model));
  EXPECT_OK(cf_model_save(model, path));
  EXPECT_STATUS(cf_segment_net_load(path, CF_DEVICE_CPU, &net), CF_ERR_MODEL);
  EXPECT(error_mentions(path));
  EXPECT(error_mentions("segmentation network"));
  EXPECT(net == NULL);
  cf_model_destroy(model);
  return failures ? 1 : 0;
}

static int segment_net_step_refuses_bad_sizes_and_targets(void) {
  static float inputs[kTiles * kTile * kTile];
  static uint8_t targets[kTiles * kTile * kTile];
  cf_segment_net* net = NULL;
  float loss = -1.0f;
  rectangle_tiles(inputs, targets);
  EXPECT_OK(cf_segment_net_create(4, 1, CF_DEVICE_CPU, &net));
  /* 12 x 12 tiles: the same buffers hold enough values, but 12 is no multiple of the stride 8. */
  EXPECT_STATUS(cf_segment_net_step(net, inputs, targets, 2, 12, 1e-3f, NULL, &loss), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("size 12"));
  EXPECT_STATUS(cf_segment_net_step(net, inputs, targets, 0, kTile, 1e-3f, NULL, &loss), CF_ERR_INVALID_ARGUMENT);
  EXPECT_STATUS(cf_segment_net_step(net, inputs, targets, kTiles, kTile, 0.0f, NULL, &loss), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("learning_rate"));
  targets[kTile * kTile + 5] = 7;
  EXPECT_STATUS(cf_segment_net_step(net, inputs, targets, kTiles, kTile, 1e-3f, NULL, &loss), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("targets[1029] = 7"));
  EXPECT(loss == -1.0f);
  EXPECT_STATUS(cf_segment_net_step(NULL, inputs, targets, kTiles, kTile, 1e-3f, NULL, &loss), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("net"));
  cf_segment_net_destroy(net);
  cf_segment_net_destroy(NULL);
  return failures ? 1 : 0;
}

/* One 8 x 8 tile leaves a single value per channel at the network's coarsest level, where batch
 * norm cannot train. The step is refused as an argument error, and the network segments exactly
 * as before it: a failed step must not leave it in training mode (batch statistics). */
static int a_refused_step_leaves_the_network_segmenting_as_before(void) {
  cf_image* image;
  cf_segment_net* net = NULL;
  cf_segmentation *before = NULL, *after = NULL;
  cf_segment_options options;
  float inputs[2 * 8 * 8], loss = 0;
  uint8_t targets[2 * 8 * 8];
  int i;
  if (!data_exists("metaphase-mfish/0im.png")) return SKIPPED;
  image = decode_data("metaphase-mfish/0im.png");
  memset(&options, 0, sizeof options);
  for (i = 0; i < 2 * 8 * 8; ++i) {
    inputs[i] = (float)(i % 8 > 3);
    targets[i] = (uint8_t)(i % 8 > 3);
  }
  EXPECT_OK(cf_segment_net_create(4, 1, CF_DEVICE_CPU, &net));
  EXPECT_OK(cf_segment_learned(image, net, &options, &before));
  EXPECT_STATUS(cf_segment_net_step(net, inputs, targets, 1, 8, 1e-3f, NULL, &loss), CF_ERR_INVALID_ARGUMENT);
  EXPECT(error_mentions("batch norm"));
  EXPECT_OK(cf_segment_learned(image, net, &options, &after));
  EXPECT(same_segmentations(before, after));
  /* Two such tiles are enough. */
  EXPECT_OK(cf_segment_net_step(net, inputs, targets, 2, 8, 1e-3f, NULL, &loss));
  cf_segmentation_destroy(before);
  cf_segmentation_destroy(after);
  cf_segment_net_destroy(net);
  cf_image_destroy(image);
  return failures ? 1 : 0;
}

/* Nothing about quality: only that an untrained network's segmentation is well formed. */
static int untrained_segment_net_gives_well_formed_instances(void) {
  cf_image* image;
  cf_segment_net* net = NULL;
  cf_segmentation* segmentation = NULL;
  cf_segment_options options;
  int32_t count = -1, i, j;
  if (!data_exists("metaphase-mfish/0im.png")) return SKIPPED;
  image = decode_data("metaphase-mfish/0im.png");
  memset(&options, 0, sizeof options);
  EXPECT_OK(cf_segment_net_create(4, 1, CF_DEVICE_CPU, &net));
  EXPECT_OK(cf_segment_learned(image, net, &options, &segmentation));
  EXPECT_OK(cf_segmentation_count(segmentation, &count));
  printf("0im.png: %d instances from an untrained network\n", count);
  EXPECT(count >= 0);
  for (i = 0; i < count; ++i) {
    cf_instance instance;
    uint8_t* mask;
    int32_t inside = 0, other = 0;
    EXPECT_OK(cf_segmentation_instance(segmentation, i, &instance));
    EXPECT(instance.x >= 0 && instance.y >= 0 && instance.width > 0 && instance.height > 0 &&
           instance.x + instance.width <= 644 && instance.y + instance.height <= 516);
    mask = (uint8_t*)malloc((size_t)instance.width * instance.height);
    EXPECT_OK(cf_segmentation_mask(segmentation, i, mask, (size_t)instance.width * instance.height));
    for (j = 0; j < instance.width * instance.height; ++j) {
      inside += mask[j] == 255;
      other += mask[j] != 0 && mask[j] != 255;
    }
    EXPECT(inside == instance.area && inside > 0 && other == 0);
    free(mask);
  }
  EXPECT_STATUS(cf_segment_learned(image, NULL, &options, &segmentation), CF_ERR_INVALID_ARGUMENT);
  EXPECT(segmentation == NULL);
  cf_segment_net_destroy(net);
  cf_image_destroy(image);
  return failures ? 1 : 0;
}

static int reports_versions(void) {
  EXPECT(cf_abi_version() == CF_ABI_VERSION);
  EXPECT(strstr(cf_build_info(), "libtorch") != NULL && strstr(cf_build_info(), "opencv") != NULL);
  EXPECT_OK(cf_set_num_threads(0));
  EXPECT_OK(cf_set_num_threads(2));
  return failures ? 1 : 0;
}

struct test {
  const char* name;
  int (*run)(void);
};

static const struct test tests[] = {
    {"reports_versions", reports_versions},
    {"decodes_pki3_lzw_tiff", decodes_pki3_lzw_tiff},
    {"decodes_bioimlab_palette_bmp", decodes_bioimlab_palette_bmp},
    {"decodes_mfish_png", decodes_mfish_png},
    {"refuses_corrupt_and_empty_buffers", refuses_corrupt_and_empty_buffers},
    {"refuses_truncated_real_png", refuses_truncated_real_png},
    {"refuses_oversized_image_from_its_header", refuses_oversized_image_from_its_header},
    {"reports_missing_file_with_its_path", reports_missing_file_with_its_path},
    {"names_null_arguments", names_null_arguments},
    {"round_trips_pixels_through_png", round_trips_pixels_through_png},
    {"encodes_png_into_a_buffer", encodes_png_into_a_buffer},
    {"stands_a_tilted_crop_upright_dark_on_white", stands_a_tilted_crop_upright_dark_on_white},
    {"stands_real_crops_upright_dark_on_white", stands_real_crops_upright_dark_on_white},
    {"segments_mfish_spread_into_plausible_count", segments_mfish_spread_into_plausible_count},
    {"cuts_crops_in_the_training_convention", cuts_crops_in_the_training_convention},
    {"measures_crop_polarity_and_size", measures_crop_polarity_and_size},
    {"preprocesses_into_canvas_with_relative_size", preprocesses_into_canvas_with_relative_size},
    {"forward_rows_are_probabilities", forward_rows_are_probabilities},
    {"save_and_load_give_identical_outputs", save_and_load_give_identical_outputs},
    {"refuses_corrupt_model_file", refuses_corrupt_model_file},
    {"refuses_cuda_without_a_gpu", refuses_cuda_without_a_gpu},
    {"training_steps_reduce_the_loss", training_steps_reduce_the_loss},
    {"resumes_training_exactly", resumes_training_exactly},
    {"refuses_what_is_not_torchscript", refuses_what_is_not_torchscript},
    {"segment_net_save_and_load_give_identical_segmentations", segment_net_save_and_load_give_identical_segmentations},
    {"segment_net_training_steps_reduce_the_loss", segment_net_training_steps_reduce_the_loss},
    {"refuses_what_is_not_a_segment_net", refuses_what_is_not_a_segment_net},
    {"segment_net_step_refuses_bad_sizes_and_targets", segment_net_step_refuses_bad_sizes_and_targets},
    {"untrained_segment_net_gives_well_formed_instances", untrained_segment_net_gives_well_formed_instances},
    {"a_refused_step_leaves_the_network_segmenting_as_before", a_refused_step_leaves_the_network_segmenting_as_before},
};

int main(int argc, char** argv) {
  size_t i;
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (i = 0; i < sizeof tests / sizeof tests[0]; ++i) printf("%s\n", tests[i].name);
    return 0;
  }
  if (argc != 4) {
    fprintf(stderr, "usage: abi_test TEST DATA_DIR TEMP_DIR | abi_test --list\n");
    return 2;
  }
  data_dir = argv[2];
  temp_dir = argv[3];
  for (i = 0; i < sizeof tests / sizeof tests[0]; ++i)
    if (strcmp(argv[1], tests[i].name) == 0) return tests[i].run();
  fprintf(stderr, "abi_test: no test named %s\n", argv[1]);
  return 2;
}
