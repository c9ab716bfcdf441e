// The console's words in its three languages; staff choose theirs (uiLanguage).
import { ADMIN_TEXTS } from './admin-texts.js';
import { WORK_TEXTS } from './work-texts.js';

const TEXTS = {
  en: {
    title: 'Console', signIn: 'Sign in', username: 'Username', password: 'Password',
    code: 'Code from your authenticator app (once set up)', choosePassword: 'Choose your own password',
    currentPassword: 'Current (one-time) password', newPassword: 'New password (at least 12 characters)',
    save: 'Save', enrol: 'Set up your second factor',
    enrolHelp: 'Scan the code with an authenticator app, or type the key, then enter the code it shows.',
    key: 'Key', codeNow: 'Code shown by the app', confirm: 'Confirm', signedInAs: 'Signed in as', signOut: 'Sign out',
    signOutEverywhere: 'Sign out everywhere', failed: 'Something went wrong. Try again.',
  },
  tr: {
    title: 'Konsol', signIn: 'Giriş yap', username: 'Kullanıcı adı', password: 'Parola',
    code: 'Doğrulama uygulamasındaki kod (kurulduysa)', choosePassword: 'Kendi parolanızı belirleyin',
    currentPassword: 'Geçerli (tek kullanımlık) parola', newPassword: 'Yeni parola (en az 12 karakter)',
    save: 'Kaydet', enrol: 'İkinci doğrulama adımını kurun',
    enrolHelp: 'Kodu bir doğrulama uygulamasıyla tarayın ya da anahtarı yazın, sonra uygulamanın gösterdiği kodu girin.',
    key: 'Anahtar', codeNow: 'Uygulamanın gösterdiği kod', confirm: 'Onayla', signedInAs: 'Giriş yapan', signOut: 'Çıkış yap',
    signOutEverywhere: 'Her yerden çıkış yap', failed: 'Bir sorun oluştu. Yeniden deneyin.',
  },
  ar: {
    title: 'لوحة التحكم', signIn: 'تسجيل الدخول', username: 'اسم المستخدم', password: 'كلمة المرور',
    code: 'الرمز من تطبيق المصادقة (بعد إعداده)', choosePassword: 'اختر كلمة مرور خاصة بك',
    currentPassword: 'كلمة المرور الحالية (لمرة واحدة)', newPassword: 'كلمة مرور جديدة (12 حرفًا على الأقل)',
    save: 'حفظ', enrol: 'إعداد عامل التحقق الثاني',
    enrolHelp: 'امسح الرمز بتطبيق مصادقة أو اكتب المفتاح، ثم أدخل الرمز الذي يظهره.',
    key: 'المفتاح', codeNow: 'الرمز الذي يظهره التطبيق', confirm: 'تأكيد', signedInAs: 'تم تسجيل الدخول باسم', signOut: 'تسجيل الخروج',
    signOutEverywhere: 'تسجيل الخروج من كل الأجهزة', failed: 'حدث خطأ. حاول مرة أخرى.',
  },
};

for (const language of Object.keys(TEXTS)) Object.assign(TEXTS[language], WORK_TEXTS[language], ADMIN_TEXTS[language]);

export function chooseLanguage(preferred) {
  if (TEXTS[preferred]) return preferred;
  const browser = (navigator.language || 'en').slice(0, 2);
  return TEXTS[browser] ? browser : 'en';
}

export function text(language, key) {
  return (TEXTS[language] || TEXTS.en)[key] || TEXTS.en[key] || key;
}

// Sets every [data-text] element's words (as text, never HTML) and the page's direction.
export function translate(language) {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  for (const element of document.querySelectorAll('[data-text]')) {
    element.textContent = text(language, element.dataset.text);
  }
}
