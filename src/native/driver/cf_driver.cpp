// A foreign caller of the C ABI (only chromofarm.h): inspect images and segmentations, and
// measure the core on hosts without .NET.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "chromofarm.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Process CPU time over all threads: on a shared host it says what the work costs even when
// other processes take the cores.
double cpu_seconds_since(std::clock_t start) { return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC; }

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "cf_driver: %s\n", message.c_str());
  std::exit(1);
}

void check(cf_status status, const char* what) {
  if (status != CF_OK) die(std::string(what) + " failed (status " + std::to_string(status) + "): " + cf_last_error());
}

// --name value options after the positional arguments.
struct Arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;

  Arguments(int argc, char** argv, int first) {
    for (int i = first; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg.rfind("--", 0) == 0) {
        std::string value = (i + 1 < argc && std::strncmp(argv[i + 1], "--", 2) != 0) ? argv[++i] : "1";
        options[arg.substr(2)] = value;
      } else {
        positional.push_back(arg);
      }
    }
  }
  std::string text(const std::string& name, const std::string& fallback) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
  long number(const std::string& name, long fallback) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : std::strtol(it->second.c_str(), nullptr, 10);
  }
  bool flag(const std::string& name) const { return options.count(name) > 0; }
};

cf_image* decode(const std::string& path, int64_t max_pixels = 0) {
  cf_image* image = nullptr;
  check(cf_image_decode_file(path.c_str(), max_pixels, &image), "decode");
  return image;
}

std::vector<std::string> image_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (!std::filesystem::is_directory(path)) {
      files.push_back(path);
      continue;
    }
    for (const auto& entry : std::filesystem::directory_iterator(path))
      if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void configure_threads(const Arguments& args) {
  if (args.flag("threads")) check(cf_set_num_threads(static_cast<int32_t>(args.number("threads", 0))), "threads");
}

int32_t parse_device(const Arguments& args) {
  std::string device = args.text("device", "cpu");
  if (device == "cpu") return CF_DEVICE_CPU;
  if (device == "cuda") return CF_DEVICE_CUDA;
  if (device == "auto") return CF_DEVICE_AUTO;
  die("--device must be cpu, cuda or auto");
}

cf_model_config model_config(const Arguments& args) {
  cf_model_config config;
  config.canvas = static_cast<int32_t>(args.number("canvas", 64));
  config.base_width = static_cast<int32_t>(args.number("base-width", 32));
  config.blocks_per_stage = static_cast<int32_t>(args.number("blocks", 1));
  config.num_classes = CF_NUM_CLASSES;
  return config;
}

int command_info() {
  std::printf("%s\nabi %d\ncuda %d\n", cf_build_info(), cf_abi_version(), cf_cuda_available());
  return 0;
}

int command_decode(const Arguments& args) {
  if (args.positional.empty()) die("usage: cf_driver decode FILE... [--max-pixels N]");
  for (const std::string& path : args.positional) {
    cf_image* image = decode(path, args.number("max-pixels", 0));
    int32_t width = 0, height = 0;
    check(cf_image_size(image, &width, &height), "size");
    std::printf("%s %dx%d\n", path.c_str(), width, height);
    cf_image_destroy(image);
  }
  return 0;
}

int command_segment(const Arguments& args) {
  if (args.positional.empty())
    die("usage: cf_driver segment FILE... [--polarity auto|dark|light] [--repeat N] [--crops DIR] [--quiet]");
  cf_segment_options options{};
  std::string polarity = args.text("polarity", "auto");
  options.polarity = polarity == "dark" ? CF_POLARITY_DARK_ON_LIGHT
                     : polarity == "light" ? CF_POLARITY_LIGHT_ON_DARK
                                           : CF_POLARITY_AUTO;
  options.background_radius = static_cast<int32_t>(args.number("radius", 0));
  configure_threads(args);
  const long repeat = std::max(1L, args.number("repeat", 1));
  for (const std::string& path : args.positional) {
    cf_image* image = decode(path);
    cf_segmentation* segmentation = nullptr;
    auto start = Clock::now();
    for (long r = 0; r < repeat; ++r) {
      cf_segmentation_destroy(segmentation);
      check(cf_segment(image, &options, &segmentation), "segment");
    }
    double seconds = seconds_since(start) / static_cast<double>(repeat);
    int32_t count = 0;
    check(cf_segmentation_count(segmentation, &count), "count");
    int review = 0;
    for (int32_t i = 0; i < count; ++i) {
      cf_instance instance;
      check(cf_segmentation_instance(segmentation, i, &instance), "instance");
      review += instance.needs_review;
      if (!args.flag("quiet"))
        std::printf("  %3d box %4d %4d %3dx%-3d area %5d length %6.1f%s\n", i, instance.x, instance.y,
                    instance.width, instance.height, instance.area, instance.length,
                    instance.needs_review ? " review" : "");
      if (args.flag("crops")) {
        cf_image* crop = nullptr;
        check(cf_segmentation_crop(segmentation, i, 4, &crop), "crop");
        std::string name = std::filesystem::path(path).stem().string() + "_" + std::to_string(i) + ".png";
        check(cf_image_write_png(crop, (std::filesystem::path(args.text("crops", ".")) / name).string().c_str()),
              "write");
        cf_image_destroy(crop);
      }
    }
    std::printf("%s: %d instances (%d flagged for review), %.1f ms\n", path.c_str(), count, review,
                seconds * 1000.0);
    cf_segmentation_destroy(segmentation);
    cf_image_destroy(image);
  }
  return 0;
}

int command_measure(const Arguments& args) {
  for (const std::string& path : image_files(args.positional)) {
    cf_image* crop = decode(path);
    cf_crop_measure measure;
    check(cf_crop_measure_image(crop, &measure), "measure");
    std::printf("%s length %.1f area %.0f light_on_dark %d\n", path.c_str(), measure.length, measure.area,
                measure.light_on_dark);
    cf_image_destroy(crop);
  }
  return 0;
}

double median(std::vector<float> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

// Preprocesses crops with per-set reference sizes (the medians over the given crops); writes
// a montage PNG when asked and reports throughput of decode + measure + preprocess.
int command_preprocess(const Arguments& args) {
  std::vector<std::string> files = image_files(args.positional);
  if (files.empty()) die("usage: cf_driver preprocess FILE|DIR... [--canvas 64] [--augment --seed S] [--montage OUT.png]");
  configure_threads(args);
  cf_preprocess_options options{};
  options.canvas = static_cast<int32_t>(args.number("canvas", 64));
  options.reference_length = static_cast<float>(args.number("reference-length", 44));
  options.augment = args.flag("augment") ? 1 : 0;
  options.orient = args.flag("orient") ? 1 : 0;
  options.fit = args.flag("fit") ? 1 : 0;
  options.seed = static_cast<uint64_t>(args.number("seed", 1));
  options.max_rotation_deg = static_cast<float>(args.number("rotation", 180));

  auto start = Clock::now();
  std::vector<cf_image*> crops;
  std::vector<float> lengths, areas;
  for (const std::string& path : files) {
    crops.push_back(decode(path));
    cf_crop_measure measure;
    check(cf_crop_measure_image(crops.back(), &measure), "measure");
    lengths.push_back(measure.length);
    areas.push_back(measure.area);
  }
  const int32_t n = static_cast<int32_t>(crops.size());
  std::vector<float> reference_length(crops.size(), static_cast<float>(median(lengths)));
  std::vector<float> reference_area(crops.size(), static_cast<float>(median(areas)));
  const size_t plane = static_cast<size_t>(options.canvas) * options.canvas;
  std::vector<float> pixels(plane * crops.size()), features(2 * crops.size());
  auto preprocess_start = Clock::now();
  check(cf_preprocess(crops.data(), reference_length.data(), reference_area.data(), n, &options, pixels.data(),
                      pixels.size(), features.data(), features.size()),
        "preprocess");
  double preprocess_seconds = seconds_since(preprocess_start), total_seconds = seconds_since(start);
  std::printf("%d crops: decode+measure+preprocess %.0f crops/s (preprocess alone %.0f crops/s)\n", n,
              n / total_seconds, n / preprocess_seconds);

  if (args.flag("montage")) {
    const int columns = 16, rows = (n + columns - 1) / columns, side = options.canvas;
    std::vector<uint8_t> montage(static_cast<size_t>(columns * side) * rows * side, 0);
    for (int32_t i = 0; i < n; ++i)
      for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
          float v = pixels[i * plane + static_cast<size_t>(y) * side + x];
          size_t at = static_cast<size_t>((i / columns) * side + y) * columns * side + (i % columns) * side + x;
          montage[at] = static_cast<uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
        }
    cf_image* picture = nullptr;
    check(cf_image_from_pixels(montage.data(), columns * side, rows * side, columns * side, &picture), "montage");
    check(cf_image_write_png(picture, args.text("montage", "montage.png").c_str()), "write");
    cf_image_destroy(picture);
  }
  if (args.flag("verbose"))
    for (int32_t i = 0; i < n; ++i)
      std::printf("%s features %.3f %.3f\n", files[i].c_str(), features[2 * i], features[2 * i + 1]);
  for (cf_image* crop : crops) cf_image_destroy(crop);
  return 0;
}

struct Batch {
  std::vector<float> pixels, features;
  std::vector<int64_t> labels;
};

Batch random_batch(const cf_model_config& config, int32_t n) {
  std::mt19937 generator(7);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  Batch batch;
  batch.pixels.resize(static_cast<size_t>(n) * config.canvas * config.canvas);
  for (float& v : batch.pixels) v = unit(generator);
  batch.features.resize(static_cast<size_t>(n) * CF_NUM_SIZE_FEATURES);
  for (float& v : batch.features) v = 0.5f + unit(generator);
  for (int32_t i = 0; i < n; ++i) batch.labels.push_back(i % config.num_classes);
  return batch;
}

int command_bench_forward(const Arguments& args) {
  configure_threads(args);
  cf_model_config config = model_config(args);
  const int32_t n = static_cast<int32_t>(args.number("batch", 256));
  const long iterations = std::max(1L, args.number("iters", 20));
  cf_model* model = nullptr;
  // --model times a trained network (its weights, not random ones); its file decides the shape.
  const std::string file = args.text("model", "");
  if (file.empty()) {
    check(cf_model_create(&config, 1, parse_device(args), &model), "model");
  } else {
    check(cf_model_load(file.c_str(), parse_device(args), &model), "model");
    check(cf_model_get_config(model, &config), "config");
  }
  int64_t parameters = 0;
  check(cf_model_parameter_count(model, &parameters), "parameters");
  const std::string precision = args.text("precision", "fp32");
  if (precision != "fp32" && precision != "bf16") die("--precision must be fp32 or bf16, got '" + precision + "'");
  const bool channels_last = args.flag("channels-last");
  if (precision != "fp32" || channels_last)
    check(cf_model_set_inference(model, precision == "bf16" ? CF_PRECISION_BF16 : CF_PRECISION_FP32,
                                 channels_last ? 1 : 0),
          "inference");
  Batch batch = random_batch(config, n);
  std::vector<float> probabilities(static_cast<size_t>(n) * config.num_classes);
  auto forward = [&] {
    check(cf_model_forward(model, batch.pixels.data(), batch.features.data(), n, probabilities.data(),
                           probabilities.size()),
          "forward");
  };
  forward();  // warm-up: allocator, kernels, lazy CUDA context
  auto start = Clock::now();
  std::clock_t cpu_start = std::clock();
  for (long i = 0; i < iterations; ++i) forward();
  double seconds = seconds_since(start), cpu = cpu_seconds_since(cpu_start);
  std::printf("forward canvas %d base_width %d blocks %d (%lld parameters), %s%s, batch %d: %.1f ms/batch, %.0f"
              " chromosomes/s (%.0f per CPU-second)\n",
              config.canvas, config.base_width, config.blocks_per_stage, static_cast<long long>(parameters),
              precision.c_str(), channels_last ? " channels-last" : "", n,
              1000.0 * seconds / iterations, n * iterations / seconds, n * iterations / cpu);
  cf_model_destroy(model);
  return 0;
}

int command_bench_train(const Arguments& args) {
  configure_threads(args);
  const cf_model_config config = model_config(args);
  const int32_t n = static_cast<int32_t>(args.number("batch", 64));
  const long iterations = std::max(1L, args.number("iters", 10));
  cf_model* model = nullptr;
  check(cf_model_create(&config, 1, parse_device(args), &model), "model");
  cf_trainer_options options{1e-3f, 1e-4f, 0.1f};
  cf_trainer* trainer = nullptr;
  check(cf_trainer_create(model, &options, &trainer), "trainer");
  Batch batch = random_batch(config, n);
  float loss = 0.0f;
  int32_t correct = 0;
  auto step = [&] {
    check(cf_trainer_step(trainer, batch.pixels.data(), batch.features.data(), batch.labels.data(), n, nullptr,
                          &loss, &correct),
          "step");
  };
  step();
  auto start = Clock::now();
  std::clock_t cpu_start = std::clock();
  for (long i = 0; i < iterations; ++i) step();
  double seconds = seconds_since(start), cpu = cpu_seconds_since(cpu_start);
  std::printf("train canvas %d base_width %d blocks %d, batch %d: %.1f ms/step, %.0f chromosomes/s (%.0f per CPU-second;"
              " last loss %.3f)\n",
              config.canvas, config.base_width, config.blocks_per_stage, n, 1000.0 * seconds / iterations,
              n * iterations / seconds, n * iterations / cpu, loss);
  cf_trainer_destroy(trainer);
  cf_model_destroy(model);
  return 0;
}

void usage() {
  std::fprintf(stderr,
               "usage: cf_driver COMMAND ...\n"
               "  info\n"
               "  decode FILE... [--max-pixels N]\n"
               "  segment FILE... [--polarity auto|dark|light] [--radius PX] [--repeat N] [--crops DIR] [--quiet]\n"
               "  measure FILE|DIR...\n"
               "  preprocess FILE|DIR... [--canvas 64] [--reference-length 44] [--augment] [--seed S] [--orient] [--fit]\n"
               "             [--rotation DEG] [--montage OUT.png] [--threads N] [--verbose]\n"
               "  bench-forward [--batch 256] [--iters 20] [--device cpu|cuda|auto] [--canvas 64] [--model FILE.cfm]\n"
               "                [--base-width 32] [--blocks 1] [--threads N] [--precision fp32|bf16] [--channels-last]\n"
               "  bench-train   [--batch 64] [--iters 10] (same model options)\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage();
    return 2;
  }
  const std::string command = argv[1];
  const Arguments args(argc, argv, 2);
  if (command == "info") return command_info();
  if (command == "decode") return command_decode(args);
  if (command == "segment") return command_segment(args);
  if (command == "measure") return command_measure(args);
  if (command == "preprocess") return command_preprocess(args);
  if (command == "bench-forward") return command_bench_forward(args);
  if (command == "bench-train") return command_bench_train(args);
  usage();
  return 2;
}
