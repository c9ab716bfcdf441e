// The editor screen's words in the console's three languages. Article text is the editors' own
// and is never translated here.
const TEXTS = {
  en: {
    editor: 'Knowledge base', articles: 'Articles', preview: 'What would the bot answer?',
    gaps: 'Unanswered questions', transfer: 'Import and export', topic: 'Topic', language: 'Language',
    status: 'Status', any: 'Any', review: 'Needs review', title: 'Title', version: 'Version',
    draft: 'Draft', published: 'Published', archived: 'Archived', open: 'Open', filter: 'Filter',
    newArticle: 'New article', create: 'Create', body: 'Text (Markdown)', keywords: 'Keywords (comma separated)',
    questions: 'Example questions (one per line)', reviewNote: 'Review note', save: 'Save',
    publish: 'Publish', archive: 'Archive', showPreview: 'Show as people will see it', history: 'History',
    change: 'Change', author: 'By', when: 'When', diff: 'Compare with current', restore: 'Restore',
    close: 'Close', saved: 'Saved.', conflict: 'Someone else saved this article meanwhile. Reload it, then make your change again.',
    reload: 'Reload', question: 'Question', ask: 'Ask', outcome: 'Outcome', answer: 'A confident answer',
    suggestions: 'A short list of likely articles', none: 'No confident answer: the bot offers a person',
    confidence: 'Confidence', fallback: 'shown in another language', showGaps: 'Show the questions',
    gapsHelp: 'Questions people asked that no article answered with confidence, grouped by similar wording. Opening them is recorded.',
    times: 'times', noGaps: 'No unanswered questions.', exportAll: 'Export all articles',
    importFiles: 'Import files', importHelp: 'Choose an export file (.json) or the <topic>/<language>.md files of a folder. Nothing is imported if any file has a problem.',
    imported: 'Imported: {files} files, {changed} changed.', problems: 'Nothing was imported. Problems:',
    noArticles: 'No articles match.', loading: 'Loading…', failed: 'Something went wrong. Try again.',
    diffTitle: 'Changes from version {from} to version {to}', bestTopic: 'Closest topic',
  },
  tr: {
    editor: 'Bilgi bankası', articles: 'Makaleler', preview: 'Bot ne cevap verirdi?',
    gaps: 'Cevaplanamayan sorular', transfer: 'İçe ve dışa aktarma', topic: 'Konu', language: 'Dil',
    status: 'Durum', any: 'Hepsi', review: 'Gözden geçirilmeli', title: 'Başlık', version: 'Sürüm',
    draft: 'Taslak', published: 'Yayında', archived: 'Arşivde', open: 'Aç', filter: 'Süz',
    newArticle: 'Yeni makale', create: 'Oluştur', body: 'Metin (Markdown)', keywords: 'Anahtar kelimeler (virgülle)',
    questions: 'Örnek sorular (her satıra bir)', reviewNote: 'Gözden geçirme notu', save: 'Kaydet',
    publish: 'Yayınla', archive: 'Arşivle', showPreview: 'İnsanların göreceği gibi göster', history: 'Geçmiş',
    change: 'Değişiklik', author: 'Yapan', when: 'Zaman', diff: 'Güncel sürümle karşılaştır', restore: 'Geri yükle',
    close: 'Kapat', saved: 'Kaydedildi.', conflict: 'Bu arada başka biri makaleyi kaydetti. Yeniden yükleyin ve değişikliğinizi tekrar yapın.',
    reload: 'Yeniden yükle', question: 'Soru', ask: 'Sor', outcome: 'Sonuç', answer: 'Emin bir cevap',
    suggestions: 'Olası makalelerin kısa listesi', none: 'Emin bir cevap yok: bot bir kişiyle görüşmeyi önerir',
    confidence: 'Güven', fallback: 'başka bir dilde gösterilir', showGaps: 'Soruları göster',
    gapsHelp: 'Hiçbir makalenin emin bir cevap veremediği sorular, benzer ifadelere göre gruplanmış. Açılmaları kayda geçer.',
    times: 'kez', noGaps: 'Cevaplanamayan soru yok.', exportAll: 'Tüm makaleleri dışa aktar',
    importFiles: 'Dosyaları içe aktar', importHelp: 'Bir dışa aktarma dosyası (.json) ya da bir klasörün <konu>/<dil>.md dosyalarını seçin. Bir dosyada sorun varsa hiçbiri içe aktarılmaz.',
    imported: 'İçe aktarıldı: {files} dosya, {changed} değişiklik.', problems: 'Hiçbir şey içe aktarılmadı. Sorunlar:',
    noArticles: 'Eşleşen makale yok.', loading: 'Yükleniyor…', failed: 'Bir sorun oluştu. Yeniden deneyin.',
    diffTitle: '{from}. sürümden {to}. sürüme değişiklikler', bestTopic: 'En yakın konu',
  },
  ar: {
    editor: 'قاعدة المعرفة', articles: 'المقالات', preview: 'بماذا سيجيب البوت؟',
    gaps: 'أسئلة بلا إجابة', transfer: 'الاستيراد والتصدير', topic: 'الموضوع', language: 'اللغة',
    status: 'الحالة', any: 'الكل', review: 'تحتاج إلى مراجعة', title: 'العنوان', version: 'الإصدار',
    draft: 'مسودة', published: 'منشورة', archived: 'مؤرشفة', open: 'فتح', filter: 'تصفية',
    newArticle: 'مقالة جديدة', create: 'إنشاء', body: 'النص (Markdown)', keywords: 'كلمات مفتاحية (مفصولة بفواصل)',
    questions: 'أسئلة أمثلة (سؤال في كل سطر)', reviewNote: 'ملاحظة المراجعة', save: 'حفظ',
    publish: 'نشر', archive: 'أرشفة', showPreview: 'اعرضها كما سيراها الناس', history: 'السجل',
    change: 'التغيير', author: 'بواسطة', when: 'الوقت', diff: 'قارن بالإصدار الحالي', restore: 'استعادة',
    close: 'إغلاق', saved: 'تم الحفظ.', conflict: 'حفظ شخص آخر هذه المقالة في هذه الأثناء. أعد تحميلها ثم أجرِ تغييرك مرة أخرى.',
    reload: 'إعادة التحميل', question: 'السؤال', ask: 'اسأل', outcome: 'النتيجة', answer: 'إجابة واثقة',
    suggestions: 'قائمة قصيرة بمقالات محتملة', none: 'لا توجد إجابة واثقة: يعرض البوت التحدث إلى شخص',
    confidence: 'الثقة', fallback: 'تُعرض بلغة أخرى', showGaps: 'اعرض الأسئلة',
    gapsHelp: 'أسئلة طرحها الناس ولم تُجب عنها أي مقالة بثقة، مجمّعة حسب تشابه الصياغة. يُسجَّل فتحها.',
    times: 'مرات', noGaps: 'لا توجد أسئلة بلا إجابة.', exportAll: 'تصدير كل المقالات',
    importFiles: 'استيراد ملفات', importHelp: 'اختر ملف تصدير (.json) أو ملفات <الموضوع>/<اللغة>.md من مجلد. لا يُستورد شيء إذا كانت في أي ملف مشكلة.',
    imported: 'تم الاستيراد: {files} ملفات، {changed} تغييرات.', problems: 'لم يُستورد شيء. المشكلات:',
    noArticles: 'لا توجد مقالات مطابقة.', loading: 'جارٍ التحميل…', failed: 'حدث خطأ. حاول مرة أخرى.',
    diffTitle: 'التغييرات من الإصدار {from} إلى الإصدار {to}', bestTopic: 'أقرب موضوع',
  },
};

/** The editor's text for {@code key} in {@code language} (English when missing), with {name} filled. */
export function t(language, key, values = {}) {
  const template = (TEXTS[language] || TEXTS.en)[key] ?? TEXTS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

export const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur']);
