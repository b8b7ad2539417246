// Benchmark 3: PDF thumbnails. Quire renders the first page with Poppler straight at the
// thumbnail's size; paperless-ngx runs ImageMagick, which has Ghostscript render the page at
// 300 dpi and then scales it down to 500x5000.

#include "benchmarks.hpp"
#include "parsing/thumbnail.hpp"

#include <fmt/format.h>

#include <fstream>

namespace quire::bench {
namespace {

constexpr double k_target_speedup = 10;

// Debian's policy.xml forbids ImageMagick to read PDFs; a private policy may lift that.
constexpr std::string_view k_permissive_policy =
    "<policymap>\n  <policy domain=\"coder\" rights=\"read|write\" pattern=\"PDF\" />\n"
    "</policymap>\n";

// How the reference makes one thumbnail.
struct Reference {
  std::string description;
  std::vector<std::pair<std::string, std::string>> env;
  bool via_ghostscript = false;  ///< ImageMagick refused PDFs: run its gs delegate ourselves
};

Status write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) return fail(ErrorCode::io, "cannot write '" + path.string() + "'");
  return {};
}

Status reference_thumbnail(const Reference& reference, const std::filesystem::path& pdf,
                           const std::filesystem::path& dir) {
  const std::string webp = (dir / "reference.webp").string();
  if (!reference.via_ghostscript) {
    return run_tool(
        {convert_program(), "-density", "300", "-scale", "500x5000", pdf.string() + "[0]", webp},
        reference.env);
  }
  // The arguments of ImageMagick 6's "ps:color" delegate for `-density 300 file.pdf[0]`.
  const std::string png = (dir / "reference.png").string();
  const auto rendered =
      run_tool({"gs", "-sstdout=%stderr", "-dQUIET", "-dSAFER", "-dBATCH", "-dNOPAUSE",
                "-dNOPROMPT", "-dMaxBitmap=500000000", "-dAlignToPixels=0", "-dGridFitTT=2",
                "-sDEVICE=png16m", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", "-r300x300",
                "-dFirstPage=1", "-dLastPage=1", "-sOutputFile=" + png, "-f" + pdf.string()});
  if (!rendered) return rendered;
  return run_tool({convert_program(), png, "-scale", "500x5000", webp});
}

// ImageMagick itself when a private policy lets it read PDFs, else its delegate by hand.
Result<Reference> choose_reference(const std::filesystem::path& probe_pdf,
                                   const std::filesystem::path& dir) {
  const auto policy_dir = dir / "magick-policy";
  if (auto made = make_dir(policy_dir); !made) return fail(made.error());
  if (auto written = write_file(policy_dir / "policy.xml", k_permissive_policy); !written) {
    return fail(written.error());
  }
  Reference reference{"convert -density 300 -scale 500x5000 (private policy.xml)",
                      {{"MAGICK_CONFIGURE_PATH", policy_dir.string()}},
                      false};
  if (reference_thumbnail(reference, probe_pdf, dir)) return reference;

  reference = Reference{
      "gs -r300 png16m + convert -scale 500x5000, ImageMagick's PDF delegate "
      "(Debian's system policy forbids PDF even with a private policy.xml)",
      {},
      true};
  if (auto ran = reference_thumbnail(reference, probe_pdf, dir); !ran) return fail(ran.error());
  return reference;
}

Result<double> time_quire(const std::vector<CorpusEntry>& pdfs, const std::filesystem::path& dir) {
  const auto out = dir / "quire.webp";
  const Stopwatch watch;
  for (const CorpusEntry& pdf : pdfs) {
    auto webp = parsing::make_pdf_thumbnail(pdf.path, pdf.path.filename().string());
    if (!webp) return fail(webp.error());
    // A plain write, as convert does; the consumer's atomic, synced store is not measured.
    const std::string_view bytes(reinterpret_cast<const char*>(webp->data()), webp->size());
    if (auto written = write_file(out, bytes); !written) return fail(written.error());
  }
  return watch.seconds();
}

Result<double> time_reference(const Reference& reference, const std::vector<CorpusEntry>& pdfs,
                              const std::filesystem::path& dir) {
  const Stopwatch watch;
  for (const CorpusEntry& pdf : pdfs) {
    if (auto ran = reference_thumbnail(reference, pdf.path, dir); !ran) return fail(ran.error());
  }
  return watch.seconds();
}

}  // namespace

Status run_thumbnail_bench(const BenchContext& context, std::size_t count) {
  std::vector<CorpusEntry> pdfs;
  std::size_t scanned = 0;
  for (const CorpusEntry& entry : context.corpus) {
    if (count != 0 && pdfs.size() >= count) break;
    if (entry.format != "pdf" && entry.format != "scan") continue;
    pdfs.push_back(entry);
    if (entry.format == "scan") ++scanned;
  }
  if (pdfs.empty()) return fail(ErrorCode::not_found, "no PDFs in the corpus");
  const auto dir = context.work_dir / "thumbnails";
  if (auto made = make_dir(dir); !made) return made;

  auto reference = choose_reference(pdfs.front().path, dir);
  if (!reference) return fail(prefixed("ImageMagick reference", reference.error()));
  auto quire_seconds = time_quire(pdfs, dir);
  if (!quire_seconds) return fail(prefixed("Quire thumbnail", quire_seconds.error()));
  auto reference_seconds = time_reference(*reference, pdfs, dir);
  if (!reference_seconds) return fail(prefixed("reference thumbnail", reference_seconds.error()));

  const double n = static_cast<double>(pdfs.size());
  const double per_quire = *quire_seconds / n;
  const double per_reference = *reference_seconds / n;
  fmt::print(
      "thumbnails: quire {:.4f} s/thumb, reference {:.4f} s/thumb ({} PDFs, {} scanned; "
      "{}), speed-up {:.1f}x (target >= {:g}x)\n",
      per_quire, per_reference, pdfs.size(), scanned, reference->description,
      per_quire > 0 ? per_reference / per_quire : 0.0, k_target_speedup);
  return {};
}

}  // namespace quire::bench
