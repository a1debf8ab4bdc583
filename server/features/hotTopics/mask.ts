/** An opinion's free text is masked by the kernel's one masking function (phone-like digits, ID numbers). */
export { maskText } from '../../platform/text/maskText.js';
