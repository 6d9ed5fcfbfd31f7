/*
 * ChromoFarm native core: the C ABI that the C# binding (ChromoFarm.Native) calls.
 *
 * Rules of this boundary:
 *  - Opaque handles with create/destroy pairs; every destroy accepts NULL.
 *  - Every fallible call returns a cf_status; on failure, cf_last_error() returns a
 *    thread-local, NUL-terminated message valid until the next call on that thread.
 *  - No C++ exception ever crosses: every entry point catches everything.
 *  - The caller allocates output buffers and passes their length in elements.
 *  - Bump CF_ABI_VERSION whenever a signature or a struct layout changes; the binding
 *    refuses to run against a library whose cf_abi_version() differs.
 */
#ifndef CHROMOFARM_H
#define CHROMOFARM_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define CF_API __declspec(dllexport)
#else
#define CF_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define CF_ABI_VERSION 5
#define CF_NUM_CLASSES 24
/* Size features fed to the classifier head beside the pixels: relative length, relative area. */
#define CF_NUM_SIZE_FEATURES 2

typedef enum cf_status {
  CF_OK = 0,
  CF_ERR_INVALID_ARGUMENT = 1, /* a NULL handle, a bad size, an out-of-range index */
  CF_ERR_IO = 2,               /* a file could not be opened, read or written */
  CF_ERR_DECODE = 3,           /* bytes that are not a supported image */
  CF_ERR_TOO_LARGE = 4,        /* an image over the configured pixel limit */
  CF_ERR_MODEL = 5,            /* a model file that is missing, corrupt or of another shape */
  CF_ERR_DEVICE = 6,           /* a device that is not available (e.g. cuda without a GPU) */
  CF_ERR_INTERNAL = 7          /* anything else; the message says what */
} cf_status;

typedef enum cf_device {
  CF_DEVICE_CPU = 0,
  CF_DEVICE_CUDA = 1,
  CF_DEVICE_AUTO = 2 /* CUDA when torch::cuda::is_available(), else CPU */
} cf_device;

/* ---- library ---------------------------------------------------------------------------- */

CF_API int32_t cf_abi_version(void);
CF_API const char* cf_last_error(void);
/* Versions of the library and of what it was built against, e.g. "chromofarm 0.1.0; libtorch 1.13.1; opencv 4.6.0". */
CF_API const char* cf_build_info(void);
CF_API int32_t cf_cuda_available(void);
/* Intra-op threads used by libtorch and OpenCV; <= 0 leaves the default. */
CF_API cf_status cf_set_num_threads(int32_t threads);

/* ---- images: always 8-bit grey once decoded ---------------------------------------------- */

typedef struct cf_image cf_image;

/* TIFF (incl. LZW), PNG, JPEG, BMP (incl. palette). The dimensions are read from the header
 * first, so an image over max_pixels (width*height; <= 0 means no limit) is refused with
 * CF_ERR_TOO_LARGE before its pixels are decoded. */
CF_API cf_status cf_image_decode_file(const char* path, int64_t max_pixels, cf_image** out);
CF_API cf_status cf_image_decode_buffer(const uint8_t* data, size_t length, int64_t max_pixels, cf_image** out);
/* Copies a row-major 8-bit grey buffer (stride in bytes >= width). */
CF_API cf_status cf_image_from_pixels(const uint8_t* pixels, int32_t width, int32_t height, int32_t stride, cf_image** out);
CF_API void cf_image_destroy(cf_image* image);
CF_API cf_status cf_image_size(const cf_image* image, int32_t* width, int32_t* height);
/* Copies width*height bytes, row-major, into buffer (length >= width*height). */
CF_API cf_status cf_image_copy_pixels(const cf_image* image, uint8_t* buffer, size_t length);
/* Encodes as PNG (for karyograms and debugging). */
CF_API cf_status cf_image_write_png(const cf_image* image, const char* path);
/* Encodes as PNG into buffer; *required is always set to the encoded size. A buffer that is too
 * small (or NULL with length 0, to ask for the size) gives CF_ERR_INVALID_ARGUMENT and writes nothing.
 * CF_PNG_BOUND(width, height) bytes are always enough. */
#define CF_PNG_BOUND(width, height) ((size_t)(height) * ((size_t)(width) + 1) * 101 / 100 + 4096)
CF_API cf_status cf_image_encode_png(const cf_image* image, uint8_t* buffer, size_t length, size_t* required);
/* A single-chromosome crop (either polarity) as a karyogram shows it: dark on white, its long
 * (principal) axis turned vertical, pixels outside the chromosome white, cut to the chromosome
 * plus `margin` px. Shapes too round for an axis are not turned. */
CF_API cf_status cf_image_upright(const cf_image* crop, int32_t margin, cf_image** out);

/* ---- segmentation of a metaphase spread ------------------------------------------------- */

typedef enum cf_polarity {
  CF_POLARITY_AUTO = 0,           /* decided from the image: the background is the majority */
  CF_POLARITY_DARK_ON_LIGHT = 1,  /* G-band brightfield */
  CF_POLARITY_LIGHT_ON_DARK = 2   /* DAPI / Q-band fluorescence */
} cf_polarity;

typedef struct cf_segment_options {
  int32_t polarity;            /* cf_polarity */
  int32_t min_area;            /* px; smaller objects are debris. <= 0: default */
  float max_area_factor;       /* objects larger than this times the median object area are
                                  dropped as nuclei; <= 0: default */
  float cluster_area_factor;   /* objects larger than this times the median area are flagged
                                  needs_review (touching/overlapping clusters); <= 0: default */
  int32_t background_radius;   /* px of the background-estimation kernel; <= 0: default */
} cf_segment_options;

typedef struct cf_instance {
  int32_t x, y, width, height; /* bounding box in the source image */
  int32_t area;                /* foreground pixels */
  float length;                /* long side of the minimum-area rectangle, px */
  int32_t needs_review;        /* 1 when the object looks like a cluster of chromosomes */
} cf_instance;

typedef struct cf_segmentation cf_segmentation;

CF_API cf_status cf_segment(const cf_image* image, const cf_segment_options* options, cf_segmentation** out);
CF_API void cf_segmentation_destroy(cf_segmentation* segmentation);
CF_API cf_status cf_segmentation_count(const cf_segmentation* segmentation, int32_t* count);
CF_API cf_status cf_segmentation_instance(const cf_segmentation* segmentation, int32_t index, cf_instance* out);
/* The instance's mask over its bounding box: width*height bytes, 255 inside, 0 outside. */
CF_API cf_status cf_segmentation_mask(const cf_segmentation* segmentation, int32_t index, uint8_t* buffer, size_t length);
/* The instance cut out as a crop in the training crops' convention (dark chromosome on a white
 * background, pixels outside the mask set to white), turned so its long (principal) axis is
 * vertical, cut to the turned mask's box plus `margin` px. */
CF_API cf_status cf_segmentation_crop(const cf_segmentation* segmentation, int32_t index, int32_t margin, cf_image** out);

/* ---- the learned segmenter ------------------------------------------------------------- */

/* A small U-Net that labels each pixel of a spread; cf_segment_learned turns its labels into
 * the same cf_segmentation as cf_segment. */
#define CF_SEGMENT_CLASSES 3
#define CF_SEGMENT_BACKGROUND 0
#define CF_SEGMENT_INTERIOR 1   /* inside a chromosome */
#define CF_SEGMENT_CONTACT 2    /* a chromosome's pixel next to another chromosome */
#define CF_SEGMENT_IGNORE 255   /* a target pixel that does not count in the loss */
#define CF_SEGMENT_NET_STRIDE 8 /* training tiles' sides are multiples of this */

typedef struct cf_segment_net cf_segment_net;

/* `width`: channels at full resolution (1..256; 16 is the shipped size). */
CF_API cf_status cf_segment_net_create(int32_t width, uint64_t seed, int32_t device, cf_segment_net** out);
CF_API cf_status cf_segment_net_load(const char* path, int32_t device, cf_segment_net** out);
CF_API cf_status cf_segment_net_save(const cf_segment_net* net, const char* path);
CF_API void cf_segment_net_destroy(cf_segment_net* net);
/* Free text stored with the network (its provenance); get follows cf_model_get_metadata. */
CF_API cf_status cf_segment_net_set_metadata(cf_segment_net* net, const char* metadata);
CF_API cf_status cf_segment_net_get_metadata(const cf_segment_net* net, char* buffer, size_t length, size_t* required);
/* The network's input for a spread (width*height floats, row by row), as cf_segment_learned makes it. */
CF_API cf_status cf_segment_net_input(const cf_image* image, int32_t polarity, float* buffer, size_t length);
/* One optimisation step (AdamW) on n tiles of size x size: inputs cut from cf_segment_net_input,
 * targets one CF_SEGMENT_* value per pixel; class_weights (CF_SEGMENT_CLASSES floats) may be NULL.
 * A single tile of size 8 is refused (batch norm needs n * (size / 8)^2 >= 2). Whether it succeeds
 * or fails, the step leaves the network in evaluation mode.
 * Not to be called while another thread segments with the same network. */
CF_API cf_status cf_segment_net_step(cf_segment_net* net, const float* inputs, const uint8_t* targets, int32_t n,
                                     int32_t size, float learning_rate, const float* class_weights, float* out_loss);
/* Segments with the network; safe to call from many threads at once with one network. */
CF_API cf_status cf_segment_learned(const cf_image* image, const cf_segment_net* net, const cf_segment_options* options,
                                    cf_segmentation** out);

/* ---- crops: measurement and preprocessing into a batch ---------------------------------- */

typedef struct cf_crop_measure {
  float length;         /* long side of the foreground's minimum-area rectangle, px */
  float area;           /* foreground pixels */
  int32_t light_on_dark; /* 1 when the crop's background is dark (fluorescence) */
} cf_crop_measure;

CF_API cf_status cf_crop_measure_image(const cf_image* crop, cf_crop_measure* out);

typedef struct cf_preprocess_options {
  int32_t canvas;          /* output is canvas x canvas; > 0 */
  float reference_length;  /* a crop whose length equals its cell's reference length is drawn
                              this many px long; keeps relative size between chromosomes */
  int32_t augment;         /* 0: deterministic; 1: random rotation, flips, scale and intensity jitter */
  uint64_t seed;           /* augmentation random seed */
  float max_rotation_deg;  /* augmentation: uniform in [-max, +max] (180 = any angle) */
  int32_t orient;          /* 0: as given; 1: long (principal) axis turned vertical first, so that
                              crops cut from a spread at any angle look like karyogram crops */
  int32_t fit;             /* 0: per-cell scale (above); 1: every crop scaled so that its longer
                              side fills the canvas, as torchvision-style models are trained;
                              reference_length is then ignored for the pixels */
} cf_preprocess_options;

/* Preprocesses n crops into out_pixels (n*canvas*canvas floats, background 0, chromosome
 * bright, in [0,1]) and out_features (n*CF_NUM_SIZE_FEATURES: length/reference_length[i],
 * area/reference_area[i]). reference_length/reference_area are per crop (normally the median
 * over the crop's cell) so that size relative to the cell survives the fixed canvas. A crop
 * that would not fit is scaled down to fit; its features still carry its true size. */
CF_API cf_status cf_preprocess(const cf_image* const* crops, const float* reference_length,
                               const float* reference_area, int32_t n, const cf_preprocess_options* options,
                               float* out_pixels, size_t pixels_length, float* out_features, size_t features_length);

/* ---- classifier ------------------------------------------------------------------------- */

typedef struct cf_model_config {
  int32_t canvas;        /* input side, px */
  int32_t base_width;    /* channels of the first stage; stages double it */
  int32_t blocks_per_stage; /* residual blocks in each of the four stages */
  int32_t num_classes;   /* CF_NUM_CLASSES */
} cf_model_config;

typedef struct cf_model cf_model;

CF_API cf_status cf_model_create(const cf_model_config* config, uint64_t seed, int32_t device, cf_model** out);
/* Loads a file written by cf_model_save; device is a cf_device. */
CF_API cf_status cf_model_load(const char* path, int32_t device, cf_model** out);
CF_API cf_status cf_model_save(const cf_model* model, const char* path);
CF_API void cf_model_destroy(cf_model* model);
CF_API cf_status cf_model_get_config(const cf_model* model, cf_model_config* out);
/* 0 = CPU, 1 = CUDA: where the model's parameters live. */
CF_API cf_status cf_model_device(const cf_model* model, int32_t* device);
CF_API cf_status cf_model_parameter_count(const cf_model* model, int64_t* count);
/* Free-form metadata (the binding stores JSON) saved inside the model file. */
CF_API cf_status cf_model_set_metadata(cf_model* model, const char* metadata);
/* Copies the metadata and a NUL into buffer; *required is set to the length + 1 either way,
 * and CF_ERR_INVALID_ARGUMENT is returned when length < *required. */
CF_API cf_status cf_model_get_metadata(const cf_model* model, char* buffer, size_t length, size_t* required);
/* A TorchScript module (torch.jit.save) trained elsewhere, e.g. in Python. It is forward-only:
 * cf_model_save, cf_model_parameter_count and cf_trainer_create refuse it. cf_model_get_config
 * reports its canvas and classes with base_width = blocks_per_stage = 0. */
typedef struct cf_script_options {
  int32_t canvas;                /* input side the module expects, px */
  int32_t channels;              /* 1, or 3 (the grey canvas repeated, as ImageNet-shaped stems expect) */
  int32_t size_features;         /* 1: forward(pixels, features[N, CF_NUM_SIZE_FEATURES]); 0: forward(pixels) */
  int32_t outputs_probabilities; /* 1: rows already sum to 1; 0: logits, softmax applied here */
  int32_t num_classes;           /* columns of the module's output */
  float mean;                    /* the module sees (pixel - mean) / std, pixel in [0,1] */
  float std;
} cf_script_options;

CF_API cf_status cf_model_load_torchscript(const char* path, const cf_script_options* options, int32_t device,
                                           cf_model** out);
/* *out = 1 when the model is a TorchScript module, 0 for ChromoFarm's own network. */
CF_API cf_status cf_model_is_torchscript(const cf_model* model, int32_t* out);

/* How cf_model_forward computes (cf_model_set_inference). */
typedef enum cf_precision {
  CF_PRECISION_FP32 = 0, /* float32 throughout: the numbers the model was validated with */
  CF_PRECISION_BF16 = 1  /* bfloat16 weights and activations (AMX / AVX-512-BF16 through oneDNN), softmax in float32 */
} cf_precision;

/* Sets the number format (a cf_precision) and, with channels_last = 1, NHWC activations for cf_model_forward.
 * BF16 converts the weights, which cannot be undone: a model so set is for inference only (cf_model_save and
 * cf_trainer_create refuse it), and asking it for FP32 again fails; load the file again instead. Only ChromoFarm's
 * own network: a TorchScript model is refused. */
CF_API cf_status cf_model_set_inference(cf_model* model, int32_t precision, int32_t channels_last);

/* Inference (eval mode, no grad): out_probabilities gets n*num_classes softmax rows. */
CF_API cf_status cf_model_forward(cf_model* model, const float* pixels, const float* features, int32_t n,
                                  float* out_probabilities, size_t probabilities_length);

/* ---- training --------------------------------------------------------------------------- */

typedef struct cf_trainer_options {
  float learning_rate;
  float weight_decay;
  float label_smoothing;
} cf_trainer_options;

typedef struct cf_trainer cf_trainer;

/* AdamW over the model's parameters. The model must outlive the trainer. */
CF_API cf_status cf_trainer_create(cf_model* model, const cf_trainer_options* options, cf_trainer** out);
CF_API void cf_trainer_destroy(cf_trainer* trainer);
CF_API cf_status cf_trainer_set_learning_rate(cf_trainer* trainer, float learning_rate);
/* One optimisation step in train mode. labels are class indices 0..num_classes-1; class_weights
 * (num_classes floats) may be NULL. Returns the mean loss and the number of argmax hits. */
CF_API cf_status cf_trainer_step(cf_trainer* trainer, const float* pixels, const float* features,
                                 const int64_t* labels, int32_t n, const float* class_weights,
                                 float* out_loss, int32_t* out_correct);

/* Everything beside the weights that training needs to go on exactly where it stopped: the
 * optimiser's moments and step counts, its learning rate and the CPU random generator (dropout).
 * Written beside the target and renamed over it. Loading into a trainer whose model has another
 * shape fails with CF_ERR_MODEL. The moments are loaded onto the model's device. CUDA's own
 * generator is not saved, so a resumed CUDA run draws other dropout masks: equivalent, not
 * bitwise identical. */
CF_API cf_status cf_trainer_save_state(const cf_trainer* trainer, const char* path);
CF_API cf_status cf_trainer_load_state(cf_trainer* trainer, const char* path);

#ifdef __cplusplus
}
#endif

#endif /* CHROMOFARM_H */
